package dev.rewind.consume;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/**
 * The JSON form of a message's user properties, as kept in the ledger: {@code {"name": value}}
 * with strings, numbers and booleans as JSON values.
 */
public final class PropertiesJson {

    /** Found once: Json.createObjectBuilder() and Json.createReader() look the provider up (a service-loader scan) on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private PropertiesJson() {
    }

    public static String write(Map<String, ?> properties) {
        if (properties.isEmpty()) {
            return "{}";
        }
        JsonObjectBuilder json = JSON.createObjectBuilder();
        properties.forEach((name, value) -> {
            if (value == null) {
                json.addNull(name);
            } else if (value instanceof Boolean b) {
                json.add(name, b);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte) {
                json.add(name, ((Number) value).longValue());
            } else if (value instanceof Number n) {
                json.add(name, n.doubleValue());
            } else {
                json.add(name, value.toString());
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
}
