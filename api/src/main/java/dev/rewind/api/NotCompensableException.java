package dev.rewind.api;

import jakarta.ejb.ApplicationException;
import java.util.UUID;

/** The message ran, and its handler cannot undo it. Nothing is changed. */
@ApplicationException(rollback = true)
public class NotCompensableException extends RefusedException {
    private static final long serialVersionUID = 1L;

    public NotCompensableException(UUID entryId, String message) {
        super(entryId, message);
    }
}
