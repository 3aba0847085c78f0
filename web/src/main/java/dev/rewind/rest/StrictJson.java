package dev.rewind.rest;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds a JSON request body to a record, refusing everything JSON-B would coerce: a field of the
 * wrong JSON type, a number with a fraction or out of the Java type's range, a duplicate or unknown
 * key, invalid UTF-8, trailing content. The messages are ours and name the field by its path
 * ({@code filter.createdFrom}); a parser's own text never reaches the client.
 *
 * <p>Supported component types: String, Boolean, Integer, Long, enums, Instant, UUID,
 * {@code Map<String, String>}, JsonValue (any JSON) and nested records. JSON {@code null} is the
 * same as an absent field, except for JsonValue, which keeps {@link JsonValue#NULL}.
 */
final class StrictJson {

    /** Deep enough for any request of this API; stops a JsonValue body from exhausting the stack. */
    static final int MAX_DEPTH = 32;

    private static final String INCOMPLETE = "the body ends before its JSON is complete";
    private static final int CLIP = 60;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern UUID_TEXT =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private StrictJson() {
    }

    /** A body this API refuses; the message is meant for the client. */
    public static final class BindingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BindingException(String message) {
            super(message);
        }
    }

    public static <T extends Record> T bind(byte[] utf8, Class<T> type) {
        String text = decode(utf8);
        if (text.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
            throw new BindingException("the request needs a JSON body");
        }
        if (text.charAt(0) == '\uFEFF') {
            throw new BindingException("the body starts with a byte order mark; send UTF-8 without one");
        }
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            Binder binder = new Binder(parser);
            Event first = binder.next();
            if (first != Event.START_OBJECT) {
                throw new BindingException("the body must be a JSON object, found " + binder.found(first));
            }
            T value = binder.record(type, "");
            binder.end();
            return value;
        } catch (JsonParsingException malformed) {
            JsonLocation at = malformed.getLocation();
            if (at == null || at.getLineNumber() < 0) {
                throw new BindingException("the body is not well-formed JSON");
            }
            // Parsson places an unexpected end past the text, at a column that means nothing.
            if (at.getStreamOffset() >= text.length()) {
                throw new BindingException(INCOMPLETE);
            }
            throw new BindingException("the body is not well-formed JSON (at line " + at.getLineNumber()
                    + ", column " + at.getColumnNumber() + ")");
        } catch (JsonException malformed) {
            throw new BindingException("the body is not well-formed JSON");
        }
    }

    private static String decode(byte[] utf8) {
        try {
            // REPORT rather than the default REPLACE: a body must not change on its way to the ledger.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException invalid) {
            throw new BindingException("the body is not valid UTF-8");
        }
    }

    /** One pass over the parser's events; the first problem found ends it. */
    private static final class Binder {
        private final JsonParser parser;
        private int depth;

        Binder(JsonParser parser) {
            this.parser = parser;
        }

        Event next() {
            if (!parser.hasNext()) {
                throw new BindingException(INCOMPLETE);
            }
            Event event = parser.next();
            if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                if (++depth > MAX_DEPTH) {
                    throw new BindingException("the body nests deeper than " + MAX_DEPTH + " levels");
                }
            } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                depth--;
            }
            return event;
        }

        /** After the top-level object: only whitespace may follow. */
        void end() {
            boolean more;
            try {
                more = parser.hasNext();
            } catch (JsonParsingException trailing) { // how Parsson reports a token after the top value
                more = true;
            }
            if (more) {
                throw new BindingException("the body has more content after its JSON object");
            }
        }

        /** The fields of a record; the START_OBJECT is read already. */
        <T extends Record> T record(Class<T> type, String path) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] args = new Object[components.length];
            Set<String> seen = new HashSet<>();
            for (Event event = next(); event != Event.END_OBJECT; event = next()) {
                String key = key(path);
                String at = join(path, key);
                int index = indexOf(components, key);
                if (index < 0) {
                    String names = Arrays.stream(components).map(RecordComponent::getName)
                            .collect(Collectors.joining(", "));
                    throw new BindingException("unknown field '" + clip(at) + "'; "
                            + (path.isEmpty() ? "this request" : clip(path)) + " takes: " + names);
                }
                if (!seen.add(key)) {
                    throw new BindingException("duplicate key '" + clip(at) + "'");
                }
                args[index] = value(components[index].getGenericType(), next(), at);
            }
            try {
                Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
                return type.getDeclaredConstructor(types).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct " + type.getName(), e);
            }
        }

        private Object value(Type type, Event event, String path) {
            if (type == JsonValue.class) {
                return json(event, path);
            }
            if (event == Event.VALUE_NULL) {
                return null;
            }
            if (type == String.class) {
                return string(event, path, "a string");
            }
            if (type == Boolean.class) {
                if (event == Event.VALUE_TRUE || event == Event.VALUE_FALSE) {
                    return event == Event.VALUE_TRUE;
                }
                throw wrong(path, "true or false", event);
            }
            if (type == Integer.class) {
                return whole(event, path, Integer.MIN_VALUE, Integer.MAX_VALUE).intValueExact();
            }
            if (type == Long.class) {
                return whole(event, path, Long.MIN_VALUE, Long.MAX_VALUE).longValueExact();
            }
            if (type == Instant.class) {
                String expected = "an ISO-8601 instant like 2026-11-27T10:00:00Z";
                try {
                    return Instant.parse(string(event, path, expected));
                } catch (DateTimeParseException e) {
                    throw wrong(path, expected, event);
                }
            }
            if (type == UUID.class) {
                String expected = "a UUID like 123e4567-e89b-12d3-a456-426614174000";
                String text = string(event, path, expected);
                // The pattern first: UUID.fromString alone also takes signs and short groups.
                if (!UUID_TEXT.matcher(text).matches()) {
                    throw wrong(path, expected, event);
                }
                return UUID.fromString(text);
            }
            if (type instanceof Class<?> c && c.isEnum()) {
                String names = Arrays.toString(c.getEnumConstants());
                String text = string(event, path, "one of " + names);
                for (Object constant : c.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(text)) {
                        return constant;
                    }
                }
                throw wrong(path, "one of " + names, event);
            }
            if (type instanceof Class<?> c && c.isRecord()) {
                if (event != Event.START_OBJECT) {
                    throw wrong(path, "an object", event);
                }
                return record(c.asSubclass(Record.class), path);
            }
            if (type instanceof ParameterizedType map && map.getRawType() == Map.class
                    && Arrays.equals(map.getActualTypeArguments(), new Type[] {String.class, String.class})) {
                return strings(event, path);
            }
            throw new IllegalArgumentException("StrictJson cannot bind " + type.getTypeName() + " (" + path + ")");
        }

        private Map<String, String> strings(Event event, String path) {
            if (event != Event.START_OBJECT) {
                throw wrong(path, "an object of strings", event);
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Event e = next(); e != Event.END_OBJECT; e = next()) {
                String key = key(path);
                if (map.containsKey(key)) {
                    throw new BindingException("duplicate key '" + clip(join(path, key)) + "'");
                }
                map.put(key, string(next(), join(path, key), "a string"));
            }
            return map;
        }

        /** Any JSON, built value by value so that duplicates and depth are checked as everywhere else. */
        private JsonValue json(Event event, String path) {
            switch (event) {
                case VALUE_NULL:
                    return JsonValue.NULL;
                case VALUE_TRUE:
                    return JsonValue.TRUE;
                case VALUE_FALSE:
                    return JsonValue.FALSE;
                case VALUE_STRING:
                    return JSON.createValue(string(event, path, "a string"));
                case VALUE_NUMBER:
                    return JSON.createValue(number(path, "a number of at most 1000 digits, exponent under a billion"));
                case START_ARRAY: {
                    JsonArrayBuilder array = JSON.createArrayBuilder();
                    int i = 0;
                    for (Event e = next(); e != Event.END_ARRAY; e = next()) {
                        array.add(json(e, path + "[" + i++ + "]"));
                    }
                    return array.build();
                }
                case START_OBJECT: {
                    JsonObjectBuilder object = JSON.createObjectBuilder();
                    Set<String> seen = new HashSet<>();
                    for (Event e = next(); e != Event.END_OBJECT; e = next()) {
                        String key = key(path);
                        if (!seen.add(key)) {
                            throw new BindingException("duplicate key '" + clip(join(path, key)) + "'");
                        }
                        object.add(key, json(next(), join(path, key)));
                    }
                    return object.build();
                }
                default:
                    throw new IllegalStateException("unexpected " + event + " at " + path);
            }
        }

        /** A key of the object at {@code path} ("" for the body itself). */
        private String key(String path) {
            String key = parser.getString();
            if (!wellFormed(key)) {
                throw new BindingException((path.isEmpty() ? "a key of the body" : "a key in " + clip(path))
                        + " has an unpaired surrogate escape (\\uD800-\\uDFFF)");
            }
            return key;
        }

        private String string(Event event, String path, String expected) {
            if (event != Event.VALUE_STRING) {
                throw wrong(path, expected, event);
            }
            String text = parser.getString();
            // An escaped lone surrogate is legal JSON syntax, but no UTF-8 can store it: the ledger would get '?'.
            if (!wellFormed(text)) {
                throw new BindingException(clip(path) + " has an unpaired surrogate escape (\\uD800-\\uDFFF)");
            }
            return text;
        }

        /** An integral number within [min, max], compared before narrowing so nothing wraps. */
        private BigDecimal whole(Event event, String path, long min, long max) {
            String expected = "a whole number from " + min + " to " + max;
            if (event != Event.VALUE_NUMBER) {
                throw wrong(path, expected, event);
            }
            BigDecimal n = number(path, expected);
            // By value, so 1.0 and 1e2 are the whole numbers 1 and 100, and 10.5 is not whole.
            if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0
                    || n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
                throw wrong(path, expected, event);
            }
            return n;
        }

        /** The parser refuses over-long numbers and BigDecimal over-large exponents: both are out of range. */
        private BigDecimal number(String path, String expected) {
            try {
                return parser.getBigDecimal();
            } catch (RuntimeException tooLarge) {
                throw wrong(path, expected, Event.VALUE_NUMBER);
            }
        }

        private BindingException wrong(String path, String expected, Event event) {
            return new BindingException(clip(path) + " must be " + expected + ", found " + found(event));
        }

        /** What the client sent, as it sent it, short and printable. */
        String found(Event event) {
            return switch (event) {
                case VALUE_STRING -> clip('"' + parser.getString() + '"');
                case VALUE_NUMBER -> clip(parser.getString());
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> event.name();
            };
        }
    }

    /** "filter.createdFrom": how a message names a field. */
    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static int indexOf(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * At most 60 characters of client text, with control and format characters (which could
     * rewrite a log line or reorder a message) shown as '?'.
     */
    static String clip(String text) {
        int[] points = text.codePoints().limit(CLIP + 1).toArray();
        int keep = points.length > CLIP ? CLIP - 3 : points.length;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keep; i++) {
            int type = Character.getType(points[i]);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            out.appendCodePoint(unsafe ? '?' : points[i]);
        }
        return points.length > CLIP ? out.append("...").toString() : out.toString();
    }
}
