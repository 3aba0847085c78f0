package dev.rewind.rest.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginFailuresTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void anAddressIsBlockedAfterItsFailuresAndOnlyThatAddress() {
        LoginFailures failures = new LoginFailures(3, Duration.ofSeconds(60), 100);
        failures.failed("10.0.0.1", 0);
        failures.failed("10.0.0.1", SECOND);
        assertEquals(0, failures.blockedSeconds("10.0.0.1", 2 * SECOND));
        failures.failed("10.0.0.1", 2 * SECOND);
        assertEquals(60, failures.blockedSeconds("10.0.0.1", 2 * SECOND));
        assertEquals(0, failures.blockedSeconds("10.0.0.2", 2 * SECOND), "another address is not affected");
    }

    @Test
    void guessingWhileBlockedDoesNotExtendTheBlock() {
        LoginFailures failures = new LoginFailures(2, Duration.ofSeconds(10), 100);
        failures.failed("a", 0);
        failures.failed("a", 0);
        for (int i = 0; i < 1000; i++) {
            failures.failed("a", 5 * SECOND);
        }
        assertEquals(5, failures.blockedSeconds("a", 5 * SECOND));
        assertEquals(0, failures.blockedSeconds("a", 10 * SECOND), "the block ends on time");
        failures.failed("a", 11 * SECOND);
        assertEquals(0, failures.blockedSeconds("a", 11 * SECOND), "a fresh window after the block");
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        LoginFailures failures = new LoginFailures(2, Duration.ofSeconds(10), 100);
        failures.failed("a", 0);
        failures.failed("a", 11 * SECOND);
        assertEquals(0, failures.blockedSeconds("a", 11 * SECOND));
    }

    @Test
    void theNumberOfTrackedAddressesIsBounded() {
        LoginFailures failures = new LoginFailures(5, Duration.ofSeconds(10), 50);
        for (int i = 0; i < 500; i++) {
            failures.failed("addr" + i, 0);
        }
        assertEquals(50, failures.tracked());
        for (int i = 0; i < 500; i++) {
            failures.failed("later" + i, 20 * SECOND);
        }
        assertEquals(50, failures.tracked(), "expired addresses made room");
        assertTrue(failures.blockedSeconds("later0", 20 * SECOND) == 0);
    }

    @Test
    void malformedBasicHeadersAreNamed() {
        assertNull(BasicCredentials.problem("Basic b3BlcmF0b3I6b3BlcmF0b3ItcHc="));
        assertNull(BasicCredentials.problem("Bearer abc"), "other schemes are the login's business");
        assertNotNull(BasicCredentials.problem("Basic"));
        assertNotNull(BasicCredentials.problem("Basic %%%"));
        assertNotNull(BasicCredentials.problem("basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes())));
        assertNotNull(BasicCredentials.problem("Basic " + java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28, ':'})));
    }
}
