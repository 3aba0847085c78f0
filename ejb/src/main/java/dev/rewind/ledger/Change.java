package dev.rewind.ledger;

import java.util.Objects;

/**
 * Who changes an entry and why: recorded in the history row of every transition.
 *
 * @param actor  the caller's principal, or {@link #SYSTEM} for the consumer itself
 * @param reason free text a person can read later
 * @param jobId  the bulk job that caused it, or {@code null}
 */
public record Change(String actor, String reason, Long jobId) {

    public static final String SYSTEM = "system";

    public Change {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
    }

    public static Change system(String reason) {
        return new Change(SYSTEM, reason, null);
    }

    public static Change by(String actor, String reason) {
        return new Change(actor, reason, null);
    }

    /** The same change, its reason prefixed with how it was carried out ("withdraw: sent twice"). */
    public Change as(String mode) {
        return new Change(actor, mode + ": " + reason, jobId);
    }
}
