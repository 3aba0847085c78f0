package dev.rewind.jobs;

/** What a bulk job does to each entry. */
public enum BulkKind {
    REPLAY,
    REVOKE
}
