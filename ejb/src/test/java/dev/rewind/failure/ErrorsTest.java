package dev.rewind.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void theContainersWrappersAreTakenOff() {
        IllegalStateException cause = new IllegalStateException("account 'x' is frozen");
        EJBTransactionRolledbackException wrapped = new EJBTransactionRolledbackException("rolled back", new EJBException(cause));
        assertEquals(cause, Errors.rootOf(wrapped));
        assertEquals("java.lang.IllegalStateException: account 'x' is frozen", Errors.describe(wrapped));
    }

    @Test
    void anApplicationsOwnCauseChainIsKept() {
        RuntimeException outer = new RuntimeException("could not transfer", new IllegalStateException("inner"));
        assertEquals(outer, Errors.rootOf(outer));
        assertEquals("java.lang.RuntimeException", Errors.describe(new RuntimeException()));
    }
}
