package dev.rewind.api;

/** What a bulk job does to each entry. */
public enum BulkKind {
    REPLAY,
    REVOKE
}
