package dev.rewind.failure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class ConnectionLossTest {

    @Test
    void aRefusedConnectionDeepInTheChainIsAnOutage() {
        SQLException refused = new SQLException("Connection to localhost:5433 refused", "08001");
        Exception pool = new SQLException("IJ031084: Unable to create connection", null, refused);
        assertTrue(DatabaseFailure.isConnectionLoss(new PersistenceException("could not prepare", pool)));
    }

    @Test
    void theConnectionExceptionsOfJdbcHibernateAndThePoolAreOutages() {
        assertTrue(DatabaseFailure.isConnectionLoss(new SQLTransientConnectionException("timeout")));
        assertTrue(DatabaseFailure.isConnectionLoss(new JDBCConnectionException("gone", new SQLException("x"))));
        assertTrue(DatabaseFailure.isConnectionLoss(new IllegalStateException(
                new ResourceException("IJ000453: Unable to get managed connection"))));
    }

    @Test
    void aServerShuttingDownUnderAStatementIsAnOutage() {
        // What a handler's query gets when PostgreSQL stops (pg_ctl stop -m fast) while it runs.
        SQLException shutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertTrue(DatabaseFailure.isConnectionLoss(new PersistenceException("JDBC exception executing SQL", shutdown)));
        assertTrue(DatabaseFailure.isConnectionLoss(new SQLException("the database system is starting up", "57P03")));
    }

    @Test
    void handlerErrorsAndConflictsAreNotOutages() {
        assertFalse(DatabaseFailure.isConnectionLoss(new IllegalArgumentException("there is no account 'carol'")));
        assertFalse(DatabaseFailure.isConnectionLoss(new OptimisticLockException("changed")));
        assertFalse(DatabaseFailure.isConnectionLoss(new PersistenceException(
                new SQLException("duplicate key value violates unique constraint", "23505"))));
        assertFalse(DatabaseFailure.isConnectionLoss(new SQLException("no state")));
        assertFalse(DatabaseFailure.isConnectionLoss(new SQLException("canceling statement due to statement timeout", "57014")));
    }
}
