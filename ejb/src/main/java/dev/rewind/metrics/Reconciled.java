package dev.rewind.metrics;

/**
 * Fired when reconciliation repaired something; observed after its transaction commits (at once
 * when there is none).
 *
 * @param action {@code resent-compensation}, {@code resent-replay}, {@code resent-send},
 *               {@code removed-dead-letter} or {@code redriven-dead-letter}
 * @param count  how many entries
 */
public record Reconciled(String action, int count) {
}
