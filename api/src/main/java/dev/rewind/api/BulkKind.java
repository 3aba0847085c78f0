package dev.rewind.api;

/** What a bulk job does to each entry. */
public enum BulkKind {
    REPLAY,
    REVOKE,
    /**
     * Rehearse each entry (its handler runs in a transaction that is rolled back) and record whether it would
     * succeed; nothing else changes. Entries whose handler is not {@code @Rehearsable} are skipped.
     */
    REHEARSE
}
