package dev.rewind.metrics;

import java.util.UUID;

/**
 * Fired in the transaction of a replay or revoke; observed after it commits.
 *
 * @param operation {@code replay}, {@code withdraw}, {@code compensate}, or {@code replay-again} and
 *                  {@code compensate-again} (an operator re-sent a message lost in a crash)
 */
public record Operated(UUID id, String operation, Long jobId) {
}
