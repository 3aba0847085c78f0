package dev.rewind.api;

import jakarta.ejb.ApplicationException;
import java.util.UUID;

/**
 * A status change the lifecycle does not allow. An application exception that rolls the
 * transaction back, so a refused change leaves nothing behind.
 */
@ApplicationException(rollback = true)
public class IllegalTransitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final UUID entryId;
    private final Status from;
    private final Status to;

    public IllegalTransitionException(UUID entryId, Status from, Status to) {
        super("message " + entryId + " is " + from + " and cannot become " + to
                + (from.successors().isEmpty()
                        ? " (" + from + " is final)"
                        : " (allowed from " + from + ": " + from.successors() + ")"));
        this.entryId = entryId;
        this.from = from;
        this.to = to;
    }

    public UUID entryId() {
        return entryId;
    }

    public Status from() {
        return from;
    }

    public Status to() {
        return to;
    }
}
