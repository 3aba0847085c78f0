package dev.rewind.edit;

import dev.rewind.api.FieldChange;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an edit changed: the differences between two message bodies (as JSON, field by field) and two
 * property sets, each as a path with the value before and after. Bodies that are not JSON are compared as
 * text (one change for the whole body). At most {@link #MAX_CHANGES} are listed, values cut to
 * {@link #MAX_VALUE} characters, so a view of an edit stays small whatever the bodies.
 */
public final class JsonDiff {

    public static final int MAX_CHANGES = 200;
    public static final int MAX_VALUE = 1000;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private final List<FieldChange> changes = new ArrayList<>();

    private JsonDiff() {
    }

    /** The changes from the original's body and properties to the edit's. */
    public static List<FieldChange> changes(String bodyBefore, String bodyAfter, Map<String, Object> propertiesBefore,
                                            Map<String, Object> propertiesAfter) {
        JsonDiff diff = new JsonDiff();
        diff.bodies(bodyBefore, bodyAfter);
        diff.properties(propertiesBefore == null ? Map.of() : propertiesBefore,
                propertiesAfter == null ? Map.of() : propertiesAfter);
        return List.copyOf(diff.changes);
    }

    private void bodies(String before, String after) {
        if (Objects.equals(before, after)) {
            return;
        }
        JsonValue left = parse(before);
        JsonValue right = parse(after);
        if (left == null || right == null) {
            add("body", before == null ? null : before, after == null ? null : after);
            return;
        }
        values("body", left, right);
    }

    private void values(String path, JsonValue before, JsonValue after) {
        if (before.equals(after)) {
            return;
        }
        if (before instanceof JsonObject l && after instanceof JsonObject r) {
            Set<String> keys = new LinkedHashSet<>(l.keySet());
            keys.addAll(r.keySet());
            for (String key : keys) {
                String at = path + (IDENTIFIER.matcher(key).matches() ? "." + key : "[" + Json.createValue(key) + "]");
                if (!r.containsKey(key)) {
                    add(at, l.get(key).toString(), null);
                } else if (!l.containsKey(key)) {
                    add(at, null, r.get(key).toString());
                } else {
                    values(at, l.get(key), r.get(key));
                }
            }
        } else if (before instanceof JsonArray l && after instanceof JsonArray r) {
            for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
                String at = path + "[" + i + "]";
                if (i >= r.size()) {
                    add(at, l.get(i).toString(), null);
                } else if (i >= l.size()) {
                    add(at, null, r.get(i).toString());
                } else {
                    values(at, l.get(i), r.get(i));
                }
            }
        } else {
            add(path, before.toString(), after.toString());
        }
    }

    private void properties(Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            Object left = before.get(name);
            Object right = after.get(name);
            if (!Objects.equals(left, right)) {
                add("properties." + name, json(left), json(right));
            }
        }
    }

    private void add(String path, String before, String after) {
        if (changes.size() < MAX_CHANGES) {
            changes.add(new FieldChange(path, cut(before), cut(after)));
        }
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return Json.createValue(text).toString();
        }
        return String.valueOf(value);
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 3) + "...";
    }

    private static JsonValue parse(String text) {
        if (text == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }
}
