package dev.rewind.api;

import jakarta.ejb.ApplicationException;

/** A request whose parameters cannot be used (a reversed time range, a bad cursor, a limit too large). */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
