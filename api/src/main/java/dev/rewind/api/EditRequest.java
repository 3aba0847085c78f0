package dev.rewind.api;

import java.io.Serializable;
import java.util.Map;

/**
 * A corrected message to run instead of one that has not taken effect (edit and retry).
 *
 * @param body       the corrected JSON body, or null to keep the original's
 * @param properties the corrected user properties (they replace the original's), or null to keep them
 */
public record EditRequest(String body, Map<String, String> properties) implements Serializable {
}
