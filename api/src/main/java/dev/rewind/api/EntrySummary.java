package dev.rewind.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One line of a list of entries. */
public record EntrySummary(UUID id, String type, String destination, Status status, int attempts,
                           Instant createdAt, Instant updatedAt, String lastError) implements Serializable {
}
