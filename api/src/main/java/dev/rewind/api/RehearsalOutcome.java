package dev.rewind.api;

/** What a rehearsal found: the handler would have succeeded, or would have failed. */
public enum RehearsalOutcome {
    WOULD_SUCCEED,
    WOULD_FAIL
}
