package dev.rewind.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.Status;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusTest {

    @Test
    void theLifecycleOfTheJmsContract() {
        assertEquals(EnumSet.of(Status.PROCESSED, Status.FAILED, Status.REVOKED, Status.SUPERSEDED),
                Status.PENDING.successors());
        assertEquals(EnumSet.of(Status.PROCESSED, Status.REPLAYING, Status.REVOKED, Status.SUPERSEDED),
                Status.FAILED.successors());
        assertEquals(EnumSet.of(Status.REPLAYING, Status.REVOKING), Status.PROCESSED.successors());
        assertEquals(EnumSet.of(Status.PROCESSED, Status.FAILED, Status.REVOKED, Status.SUPERSEDED),
                Status.REPLAYING.successors());
        assertEquals(EnumSet.of(Status.REVOKED, Status.REVOKE_FAILED), Status.REVOKING.successors());
        assertEquals(EnumSet.of(Status.REVOKED, Status.REVOKING), Status.REVOKE_FAILED.successors());
        assertTrue(Status.REVOKED.successors().isEmpty(), "REVOKED is final");
        assertTrue(Status.SUPERSEDED.successors().isEmpty(), "SUPERSEDED is final");
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void noStatusMovesToItself(Status status) {
        assertFalse(status.canMoveTo(status));
    }

    @Test
    void processedMessagesAreNeverHandledAgainByTheConsumer() {
        Set<Status> awaiting = EnumSet.noneOf(Status.class);
        for (Status s : Status.values()) {
            if (s.awaitsHandling()) {
                awaiting.add(s);
            }
        }
        assertEquals(EnumSet.of(Status.PENDING, Status.FAILED, Status.REPLAYING), awaiting);
    }

    @Test
    void successorsCannotChangeTheLifecycle() {
        Status.PENDING.successors().clear();
        assertTrue(Status.PENDING.canMoveTo(Status.PROCESSED));
    }
}
