package dev.rewind.metrics;

import java.util.UUID;

/**
 * Fired in the transaction of a replay or revoke; observed after it commits.
 *
 * @param operation {@code replay}, {@code withdraw} or {@code compensate}
 */
public record Operated(UUID id, String operation, Long jobId) {
}
