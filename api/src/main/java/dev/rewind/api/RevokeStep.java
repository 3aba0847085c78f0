package dev.rewind.api;

import java.io.Serializable;
import java.util.UUID;

/**
 * One message of a revoke's plan.
 *
 * @param causedBy the message that caused it, or null for the plan's root
 * @param depth    0 for the root, 1 for what it caused, and so on
 * @param status   its status when the plan was made
 */
public record RevokeStep(UUID id, String type, UUID causedBy, int depth, Status status, RevokeMode mode)
        implements Serializable {
}
