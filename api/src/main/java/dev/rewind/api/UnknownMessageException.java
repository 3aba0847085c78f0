package dev.rewind.api;

import jakarta.ejb.ApplicationException;
import java.util.UUID;

/** No ledger entry has this id. */
@ApplicationException(rollback = true)
public class UnknownMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final UUID entryId;

    public UnknownMessageException(UUID entryId) {
        super("no message " + entryId + " in the ledger");
        this.entryId = entryId;
    }

    public UUID entryId() {
        return entryId;
    }
}
