package dev.rewind.api;

import jakarta.ejb.ApplicationException;
import java.util.UUID;

/**
 * An operation on a message that its state or its handler does not allow. Thrown before anything
 * is written, and it rolls the transaction back: a refused request changes nothing.
 */
@ApplicationException(rollback = true)
public class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final UUID entryId;

    public RefusedException(UUID entryId, String message) {
        super(message);
        this.entryId = entryId;
    }

    public UUID entryId() {
        return entryId;
    }
}
