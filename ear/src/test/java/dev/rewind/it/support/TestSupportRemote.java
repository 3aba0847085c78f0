package dev.rewind.it.support;

import jakarta.ejb.Remote;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test-only remote access to ledger seeding and broker counts, for client-side tests. */
@Remote
public interface TestSupportRemote {

    /** Writes {@code count} FAILED transfer entries whose error contains {@code marker}; returns their ids. */
    public List<UUID> seedFailed(int count, String marker, String from, String to);

    /** Writes {@code count} PROCESSED transfer entries, processed at {@code processedAt}; returns their ids. */
    public List<UUID> seedProcessed(int count, java.time.Instant processedAt);

    /** Statuses of these entries, and how many were replayed exactly once ("replayedOnce"). */
    public Map<String, Long> stats(List<UUID> ids);

    public long queueCount(String queue);

    public int purge(String queue);
}
