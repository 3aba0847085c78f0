package dev.rewind.api;

import java.io.Serializable;
import java.time.Instant;

/** One status change of an entry; {@code from} is null for its creation. */
public record HistoryView(Instant at, Status from, Status to, String actor, String reason, Long jobId)
        implements Serializable {
}
