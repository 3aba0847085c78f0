package dev.rewind.api;

import jakarta.ejb.ApplicationException;
import java.util.UUID;

/** A replay the entry's state does not allow (needs force, no body, too many replays). Changes nothing. */
@ApplicationException(rollback = true)
public class ReplayRefusedException extends RefusedException {
    private static final long serialVersionUID = 1L;

    public ReplayRefusedException(UUID entryId, String message) {
        super(entryId, message);
    }
}
