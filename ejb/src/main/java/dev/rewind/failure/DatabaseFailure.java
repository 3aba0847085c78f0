package dev.rewind.failure;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * What a failed database statement means, read from the cause chain (SQL state first, as the
 * databases define it), so each caller reacts to the right thing: a conflict with a concurrent
 * transaction is retried or redelivered, a connection loss is waited out, and a value the
 * database refuses is an input problem that no retry can fix.
 */
public enum DatabaseFailure {

    /**
     * Another transaction changed or inserted the same row: a version check failed, the same key
     * was inserted twice (23505), a referenced row went away (23503), a lock or serialization
     * conflict (class 40, 55P03).
     */
    CONFLICT,
    /**
     * The database refused a value: data exceptions (class 22: too long, bad encoding, out of
     * range) and integrity rules other than key conflicts (not null, check).
     */
    DATA,
    /**
     * The database went away: SQL state class 08, a server shutting down or starting (57P01-57P03,
     * not 57014, a cancelled statement), the JDBC and Hibernate connection exceptions, or the pool
     * failing to hand out a connection.
     */
    CONNECTION,
    /** Anything else, including failures that are not the database's. */
    OTHER;

    private static final int MAX_CAUSES = 32;

    /**
     * A connection loss anywhere in the chain wins (a pool or driver wrapper may carry a state of
     * its own above it); otherwise the first SQL state decides, then Hibernate's and JPA's lock and
     * version exceptions.
     */
    /** A lost or refused database connection anywhere in the cause chain. */
    public static boolean isConnectionLoss(Throwable failure) {
        return of(failure) == CONNECTION;
    }

    /** Another transaction changed the same rows: worth one more try. */
    public static boolean isConflict(Throwable failure) {
        return of(failure) == CONFLICT;
    }

    public static DatabaseFailure of(Throwable failure) {
        DatabaseFailure byState = null;
        boolean optimistic = false;
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException
                    || cause instanceof ResourceException) {
                return CONNECTION;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                DatabaseFailure kind = ofState(sql.getSQLState());
                if (kind == CONNECTION) {
                    return CONNECTION;
                }
                if (byState == null) {
                    byState = kind;
                }
            }
            if (cause instanceof OptimisticLockException || cause instanceof PessimisticLockException
                    || cause instanceof LockTimeoutException || cause instanceof org.hibernate.StaleStateException
                    || cause instanceof org.hibernate.exception.LockAcquisitionException) {
                optimistic = true;
            }
            if (cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        if (byState != null) {
            return byState;
        }
        return optimistic ? CONFLICT : OTHER;
    }

    static DatabaseFailure ofState(String state) {
        if (state.startsWith("08") || state.startsWith("57P")) {
            return CONNECTION;
        }
        if (state.equals("23505") || state.equals("23503") || state.startsWith("40") || state.equals("55P03")
                || state.equals("HYT00")) {
            return CONFLICT;
        }
        if (state.startsWith("22") || state.startsWith("23")) {
            return DATA;
        }
        return OTHER;
    }
}
