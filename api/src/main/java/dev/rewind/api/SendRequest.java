package dev.rewind.api;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;

/**
 * A message to send through Rewind.
 *
 * @param id         its Rewind id; null to let Rewind choose one
 * @param type       its JMSType; a handler must be registered for it
 * @param body       JSON text that the handler's payload type accepts
 * @param properties user properties, may be empty
 * @param delayMs    delivery delay in milliseconds (0 for none): the window in which a revoke
 *                   withdraws it before any handler sees it
 */
public record SendRequest(UUID id, String type, String body, Map<String, String> properties, long delayMs)
        implements Serializable {

    /** The longest delivery delay accepted: one week. */
    public static final long MAX_DELAY_MS = 7L * 24 * 3600 * 1000;
}
