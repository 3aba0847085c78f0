package dev.rewind.failure;

import jakarta.ejb.EJBException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;

/** Turns what a handler threw into the error the ledger shows: the real cause, not its wrappers. */
public final class Errors {

    private Errors() {
    }

    /** The exception that says what went wrong, past the container's and reflection's wrappers. */
    public static Throwable rootOf(Throwable thrown) {
        Throwable current = thrown;
        while (current.getCause() != null && current.getCause() != current
                && (current instanceof EJBException || current instanceof InvocationTargetException
                || current instanceof UndeclaredThrowableException
                || current.getClass().getName().startsWith("jakarta.ejb.")
                || current.getClass().getName().startsWith("jakarta.transaction."))) {
            current = current.getCause();
        }
        return current;
    }

    /** "ClassName: message" of the root cause. */
    public static String describe(Throwable thrown) {
        Throwable root = rootOf(thrown);
        String message = root.getMessage();
        return root.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
