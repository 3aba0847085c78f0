package dev.rewind.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.AttemptOutcome;
import dev.rewind.api.IllegalTransitionException;
import dev.rewind.api.Status;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {

    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
    private final UUID id = UUID.randomUUID();

    private LedgerEntry entry() {
        return new LedgerEntry(id, "transfer.requested", "rewind.inbound", "{}", "{}", "ID:1", t0,
                Change.system("first seen"));
    }

    @Test
    void aNewEntryIsPendingWithItsCreationInTheHistory() {
        LedgerEntry entry = entry();
        assertEquals(Status.PENDING, entry.status());
        assertEquals(1, entry.history().size());
        assertNull(entry.history().get(0).from());
        assertEquals(Status.PENDING, entry.history().get(0).to());
    }

    @Test
    void aSuccessfulAttemptMakesItProcessed() {
        LedgerEntry entry = entry();
        Attempt attempt = entry.startAttempt(AttemptKind.DELIVERY, t0, "node1");
        entry.succeeded(attempt, Change.system("handled"), t0.plusSeconds(1));

        assertEquals(Status.PROCESSED, entry.status());
        assertEquals(1, entry.attempts());
        assertEquals(AttemptOutcome.SUCCEEDED, attempt.outcome());
        assertEquals(t0.plusSeconds(1), entry.processedAt());
        assertEquals(List.of(Status.PENDING, Status.PROCESSED), entry.history().stream().map(HistoryRecord::to).toList());
    }

    @Test
    void failedAttemptsCountAndKeepTheLastErrorButWriteOneTransition() {
        LedgerEntry entry = entry();
        for (int i = 1; i <= 3; i++) {
            Attempt attempt = entry.startAttempt(i == 1 ? AttemptKind.DELIVERY : AttemptKind.REDELIVERY, t0, "n");
            entry.failed(attempt, AttemptOutcome.FAILED, "java.lang.IllegalStateException", "boom " + i,
                    Change.system("attempt failed"), t0.plusSeconds(i));
        }
        assertEquals(Status.FAILED, entry.status());
        assertEquals(3, entry.attempts());
        assertEquals("boom 3", entry.lastError());
        assertEquals(List.of(Status.PENDING, Status.FAILED), entry.history().stream().map(HistoryRecord::to).toList());
        assertEquals(List.of(1, 2, 3), entry.attemptLog().stream().map(Attempt::number).toList());
    }

    @Test
    void aRedeliveryThatSucceedsClearsTheError() {
        LedgerEntry entry = entry();
        Attempt first = entry.startAttempt(AttemptKind.DELIVERY, t0, "n");
        entry.failed(first, AttemptOutcome.FAILED, "X", "boom", Change.system("failed"), t0);
        Attempt second = entry.startAttempt(AttemptKind.REDELIVERY, t0, "n");
        entry.succeeded(second, Change.system("handled"), t0);
        assertEquals(Status.PROCESSED, entry.status());
        assertNull(entry.lastError());
        assertNull(entry.errorClass());
    }

    @Test
    void anIllegalTransitionIsRefusedAndChangesNothing() {
        LedgerEntry entry = entry();
        entry.moveTo(Status.REVOKED, Change.by("ops", "withdrawn"), t0);
        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> entry.moveTo(Status.REPLAYING, Change.by("ops", "replay"), t0));
        assertEquals(Status.REVOKED, refused.from());
        assertEquals(Status.REPLAYING, refused.to());
        assertTrue(refused.getMessage().contains("REVOKED is final"), refused.getMessage());
        assertEquals(Status.REVOKED, entry.status());
        assertEquals(2, entry.history().size());
    }

    @Test
    void aFailureAfterARevokeIsRecordedAsAnAttemptOnly() {
        LedgerEntry entry = entry();
        entry.moveTo(Status.REVOKED, Change.by("ops", "withdrawn"), t0);
        Attempt attempt = entry.startAttempt(AttemptKind.DELIVERY, t0, "n");
        entry.failed(attempt, AttemptOutcome.FAILED, "X", "late failure", Change.system("failed"), t0);
        assertEquals(Status.REVOKED, entry.status());
        assertNull(entry.lastError());
        assertEquals(AttemptOutcome.FAILED, attempt.outcome());
    }

    @Test
    void historyRecordsWhoAndWhy() {
        LedgerEntry entry = entry();
        entry.moveTo(Status.REVOKED, new Change("alice", "sent by mistake", 42L), t0);
        HistoryRecord last = entry.history().get(1);
        assertEquals("alice", last.actor());
        assertEquals("sent by mistake", last.reason());
        assertEquals(42L, last.jobId());
        assertEquals(Status.PENDING, last.from());
    }

    @Test
    void longErrorsAreCutToTheColumnWithAMarker() {
        String cut = LedgerEntry.cut("x".repeat(LedgerEntry.MAX_ERROR + 10));
        assertEquals(LedgerEntry.MAX_ERROR, cut.length());
        assertTrue(cut.endsWith("[cut]"));
        assertEquals("short", LedgerEntry.cut("short"));
    }

    @Test
    void aResendKeepsTheStatusMovesTheDueTimeAndSaysWhyInTheHistory() {
        LedgerEntry entry = entry();
        Attempt attempt = entry.startAttempt(AttemptKind.DELIVERY, t0, "node1");
        entry.succeeded(attempt, Change.system("handled"), t0);
        entry.moveTo(Status.REVOKING, Change.by("op", "compensate: wrong amount"), t0.plusSeconds(1));
        entry.sentTo("rewind.compensation", t0.plusSeconds(1));

        entry.resent(Change.system("compensation sent again"), t0.plusSeconds(90));

        assertEquals(Status.REVOKING, entry.status());
        assertEquals("rewind.compensation", entry.outboundQueue());
        assertEquals(t0.plusSeconds(90), entry.outboundDue());
        HistoryRecord last = entry.history().get(entry.history().size() - 1);
        assertEquals(Status.REVOKING, last.from());
        assertEquals(Status.REVOKING, last.to());
    }

    @Test
    void anEntryWithoutAMessageSentByRewindCannotBeResent() {
        LedgerEntry entry = entry();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> entry.resent(Change.system("again"), t0));
        assertEquals(1, entry.history().size(), "nothing recorded");
    }
}
