package dev.rewind.api;

import java.io.Serializable;
import java.time.Instant;

/** One attempt of an entry. */
public record AttemptView(int number, AttemptKind kind, Instant startedAt, Instant endedAt,
                          AttemptOutcome outcome, String error, String node) implements Serializable {
}
