package dev.rewind.api;

import jakarta.ejb.ApplicationException;

/** No bulk job has this id. */
@ApplicationException(rollback = true)
public class UnknownJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownJobException(long id) {
        super("no bulk job " + id);
    }
}
