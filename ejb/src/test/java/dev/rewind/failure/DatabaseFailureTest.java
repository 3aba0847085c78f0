package dev.rewind.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailureTest {

    private static PersistenceException sql(String state) {
        return new PersistenceException("could not execute statement", new SQLException("refused", state));
    }

    @Test
    void aValueTheDatabaseRefusesIsDataNotAConflict() {
        assertEquals(DatabaseFailure.DATA, DatabaseFailure.of(sql("22001"))); // value too long
        assertEquals(DatabaseFailure.DATA, DatabaseFailure.of(sql("22021"))); // NUL in PostgreSQL text
        assertEquals(DatabaseFailure.DATA, DatabaseFailure.of(sql("22003"))); // numeric out of range
        assertEquals(DatabaseFailure.DATA, DatabaseFailure.of(sql("23502"))); // not null
        assertEquals(DatabaseFailure.DATA, DatabaseFailure.of(sql("23514"))); // check
    }

    @Test
    void racesAreConflicts() {
        assertEquals(DatabaseFailure.CONFLICT, DatabaseFailure.of(sql("23505")));
        assertEquals(DatabaseFailure.CONFLICT, DatabaseFailure.of(sql("40001")));
        assertEquals(DatabaseFailure.CONFLICT, DatabaseFailure.of(sql("40P01")));
        assertEquals(DatabaseFailure.CONFLICT, DatabaseFailure.of(new OptimisticLockException("changed")));
        assertEquals(DatabaseFailure.CONFLICT, DatabaseFailure.of(
                new org.hibernate.StaleObjectStateException("LedgerEntry", 1)));
    }

    @Test
    void theSqlStateUnderAHibernateLockExceptionDecides() {
        // A version check that failed because a value was refused is still a refused value.
        assertEquals(DatabaseFailure.DATA, DatabaseFailure.of(new OptimisticLockException("x",
                new SQLException("value too long", "22001"))));
    }

    @Test
    void connectionLossAndEverythingElse() {
        assertEquals(DatabaseFailure.CONNECTION, DatabaseFailure.of(sql("08006")));
        assertEquals(DatabaseFailure.CONNECTION, DatabaseFailure.of(sql("57P01")));
        assertEquals(DatabaseFailure.OTHER, DatabaseFailure.of(sql("57014")));
        assertEquals(DatabaseFailure.OTHER, DatabaseFailure.of(new IllegalArgumentException("no account")));
    }

    @Test
    void aConnectionLossUnderAWrapperWithAStateOfItsOwnIsStillAConnectionLoss() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend", "08006");
        assertEquals(DatabaseFailure.CONNECTION, DatabaseFailure.of(new PersistenceException(
                new SQLException("wrapped by the pool", "HY000", lost))));
        assertEquals(DatabaseFailure.CONNECTION, DatabaseFailure.of(new PersistenceException(
                new SQLException("duplicate", "23505", new jakarta.resource.ResourceException("pool")))));
    }
}
