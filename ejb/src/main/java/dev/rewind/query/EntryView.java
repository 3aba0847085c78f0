package dev.rewind.query;

import dev.rewind.ledger.Status;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One entry with everything the ledger knows about it. */
public record EntryView(UUID id, String type, String destination, Status status, int attempts,
                        Instant createdAt, Instant updatedAt, Instant processedAt,
                        String lastError, String errorClass, int replays, boolean hold, Instant purgedAt,
                        String body, String properties,
                        List<AttemptView> attemptLog, List<HistoryView> history) implements Serializable {
}
