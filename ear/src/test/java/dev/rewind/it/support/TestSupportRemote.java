package dev.rewind.it.support;

import jakarta.ejb.Remote;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test-only remote access to ledger seeding and broker counts, for client-side tests. */
@Remote
public interface TestSupportRemote {

    /** Writes {@code count} FAILED transfer entries whose error contains {@code marker}; returns their ids. */
    List<UUID> seedFailed(int count, String marker, String from, String to);

    /** Writes {@code count} PROCESSED transfer entries, processed at {@code processedAt}; returns their ids. */
    List<UUID> seedProcessed(int count, java.time.Instant processedAt);

    /** Statuses of these entries, and how many were replayed exactly once ("replayedOnce"). */
    Map<String, Long> stats(List<UUID> ids);

    /** Where the counts the database keeps differ from a recount of the ledger; empty when they agree. */
    List<String> countMismatches();

    long queueCount(String queue);

    /** How many copies of this message rewind.DLQ holds, counted by browsing it (the whole queue). */
    long deadLetterCopies(java.util.UUID id);

    int purge(String queue);

    /** Moves an approval request's expiry into the past (as if nobody had decided in time). */
    void expireApproval(long id);
}
