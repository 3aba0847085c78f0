package dev.rewind.api;

import java.io.Serializable;

/**
 * A bulk replay or revoke.
 *
 * @param kind          replay, revoke or rehearse
 * @param filter        which entries (those created after the job starts are never included)
 * @param reason        why, recorded in each entry's history
 * @param force         replay PROCESSED entries too
 * @param target        replay to this queue instead of each entry's own (replay only)
 * @param ratePerSecond at most this many entries per second; 0 for no limit
 * @param chunkSize     entries per transaction, 1 to 1000 (0 for the default, 100)
 * @param dryRun        count and sample the entries, change nothing
 */
public record BulkRequest(BulkKind kind, EntryFilter filter, String reason, boolean force, String target,
                          int ratePerSecond, int chunkSize, boolean dryRun) implements Serializable {

    public static final int DEFAULT_CHUNK = 100;
    public static final int MAX_CHUNK = 1000;
    public static final int MAX_RATE = 100_000;

    public BulkRequest validated() {
        if (kind == null) {
            throw new InvalidRequestException("kind is required: REPLAY, REVOKE or REHEARSE");
        }
        if (filter == null) {
            throw new InvalidRequestException("filter is required (an empty filter selects every entry)");
        }
        filter.validated();
        if (ratePerSecond < 0 || ratePerSecond > MAX_RATE) {
            throw new InvalidRequestException("ratePerSecond must be between 0 (no limit) and " + MAX_RATE);
        }
        if (chunkSize < 0 || chunkSize > MAX_CHUNK) {
            throw new InvalidRequestException("chunkSize must be between 1 and " + MAX_CHUNK + " (0 for " + DEFAULT_CHUNK + ")");
        }
        if (kind != BulkKind.REPLAY && (force || target != null)) {
            throw new InvalidRequestException("force and target apply to replays only");
        }
        return this;
    }

    public int effectiveChunkSize() {
        return chunkSize == 0 ? DEFAULT_CHUNK : chunkSize;
    }
}
