package dev.rewind.message;

import dev.rewind.ledger.LedgerEntry;
import dev.rewind.ledger.StorableText;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a message's user properties, as kept in the ledger: {@code {"name": value}}
 * with strings, numbers and booleans as JSON values.
 */
public final class PropertiesJson {

    /** Found once: Json.createObjectBuilder() and Json.createReader() look the provider up (a service-loader scan) on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** A string value kept whole only up to this length when the properties do not fit the ledger. */
    static final int CUT_VALUE = 1000;

    private PropertiesJson() {
    }

    /**
     * The properties as the ledger keeps them, and what of them could not be kept faithfully.
     *
     * @param json     always fits {@link LedgerEntry#MAX_PROPERTIES} and is storable text
     * @param problems empty when the JSON holds every property exactly; otherwise each says what
     *                 was changed (and the message cannot be replayed from the ledger as it came)
     */
    public record Recorded(String json, List<Issue> problems) {
    }

    /** One thing the ledger's form of the properties does not keep exactly. */
    public record Issue(Rejection kind, String text) {
    }

    /** The ledger's form of properties whose values are exact JSON; {@link #recorded} for any. */
    public static String write(Map<String, ?> properties) {
        return recorded(properties).json();
    }

    public static Recorded recorded(Map<String, ?> properties) {
        if (properties.isEmpty()) {
            return new Recorded("{}", List.of());
        }
        List<Issue> problems = new ArrayList<>();
        String json = build(properties, Integer.MAX_VALUE, problems);
        if (json.length() <= LedgerEntry.MAX_PROPERTIES) {
            return new Recorded(json, List.copyOf(problems));
        }
        problems.add(new Issue(Rejection.TOO_LONG, "the properties take " + json.length()
                + " characters as JSON, more than the ledger's limit of " + LedgerEntry.MAX_PROPERTIES
                + " (recorded: string values cut to " + CUT_VALUE + " characters)"));
        json = build(properties, CUT_VALUE, new ArrayList<>());
        if (json.length() > LedgerEntry.MAX_PROPERTIES) {
            problems.add(new Issue(Rejection.TOO_LONG, "even cut, they do not fit (recorded: none of the "
                    + properties.size() + " properties)"));
            json = "{}";
        }
        return new Recorded(json, List.copyOf(problems));
    }

    private static String build(Map<String, ?> properties, int maxValue, List<Issue> problems) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        properties.forEach((rawName, value) -> {
            String name = StorableText.fit(rawName, CUT_VALUE);
            if (!name.equals(rawName)) {
                problems.add(new Issue(Rejection.TOO_LONG, "a property name has " + rawName.length()
                        + " characters (recorded: its first " + CUT_VALUE + ")"));
            }
            if (value == null) {
                json.addNull(name);
            } else if (value instanceof Boolean b) {
                json.add(name, b);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte) {
                json.add(name, ((Number) value).longValue());
            } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                json.add(name, n.doubleValue());
            } else if (value instanceof Number n) {
                // JSON has no NaN or infinity: kept as text so the entry shows it, but a replay would send a string.
                problems.add(new Issue(Rejection.UNSTORABLE_PROPERTY, "property '" + name + "' is " + n
                        + ", which JSON (the ledger's form of properties) cannot hold (recorded as the text \"" + n + "\")"));
                json.add(name, n.toString());
            } else {
                String text = value.toString();
                String unstorable = StorableText.problem(text);
                if (unstorable != null) {
                    problems.add(new Issue(Rejection.UNSTORABLE_TEXT,
                            "property '" + name + "' " + unstorable + " (recorded with U+FFFD in its place)"));
                }
                json.add(name, StorableText.fit(text, maxValue));
            }
        });
        return json.build().toString();
    }

    /** The ledger's properties JSON back as an object. */
    public static JsonObject read(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /**
     * The ledger's properties JSON as the values a caller sees: strings, {@code Long} for whole numbers,
     * {@code Double} for others, booleans; in the order they were recorded. Null for null (purged).
     */
    public static Map<String, Object> values(String json) {
        if (json == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        read(json).forEach((name, value) -> values.put(name, switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).isIntegral() ? (Object) ((JsonNumber) value).longValue()
                    : (Object) ((JsonNumber) value).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> null; // the ledger holds no arrays or objects here; a JSON null stays null
        }));
        return values;
    }
}
