package dev.rewind.example;

import jakarta.ejb.ApplicationException;

/** A transfer the accounts do not allow (unknown, frozen, not enough money). Rolls back. */
@ApplicationException(rollback = true)
public class TransferRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransferRefusedException(String message) {
        super(message);
    }
}
