package dev.rewind.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.AttemptOutcome;
import dev.rewind.api.IllegalTransitionException;
import dev.rewind.api.ReplayRefusedException;
import dev.rewind.api.Status;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplayAndRevokeLifecycleTest {

    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
    private final Change ops = Change.by("ops", "fixed the bug");

    private LedgerEntry failed() {
        LedgerEntry entry = new LedgerEntry(UUID.randomUUID(), "t", "q", "{}", "{}", null, t0, Change.system("seen"));
        Attempt attempt = entry.startAttempt(AttemptKind.DELIVERY, t0, "n");
        entry.failed(attempt, AttemptOutcome.FAILED, "X", "boom", Change.system("failed"), t0);
        return entry;
    }

    private LedgerEntry processed() {
        LedgerEntry entry = new LedgerEntry(UUID.randomUUID(), "t", "q", "{}", "{}", null, t0, Change.system("seen"));
        entry.succeeded(entry.startAttempt(AttemptKind.DELIVERY, t0, "n"), Change.system("ok"), t0);
        return entry;
    }

    @Test
    void aFailedEntryIsReplayedAndCounted() {
        LedgerEntry entry = failed();
        entry.startReplay(false, 10, ops, t0);
        assertEquals(Status.REPLAYING, entry.status());
        assertEquals(1, entry.replays());
        HistoryRecord last = entry.history().get(entry.history().size() - 1);
        assertEquals("ops", last.actor());
        assertEquals("fixed the bug", last.reason());
    }

    @Test
    void aProcessedEntryNeedsForceAndNothingChangesWithout() {
        LedgerEntry entry = processed();
        ReplayRefusedException refused = assertThrows(ReplayRefusedException.class,
                () -> entry.startReplay(false, 10, ops, t0));
        assertTrue(refused.getMessage().contains("replay it with force"), refused.getMessage());
        assertEquals(Status.PROCESSED, entry.status());
        assertEquals(0, entry.replays());
        entry.startReplay(true, 10, ops, t0);
        assertEquals(Status.REPLAYING, entry.status());
    }

    /** The set-based start of a bulk replay: the row and the checks of a single one, the entry left to the statement. */
    @Test
    void aSetBasedReplayTakesItsRowAndChecksFromTheEntry() {
        LedgerEntry entry = failed();
        HistoryRecord row = entry.replayStartedRow(false, 10, new Change("ops", "bulk", 7L), t0);
        assertEquals(List.of(Status.FAILED, Status.REPLAYING, 7L), java.util.Arrays.asList(row.from(), row.to(), row.jobId()));
        assertEquals(Status.FAILED, entry.status(), "the update statement changes the entry, not the row's making");

        assertThrows(ReplayRefusedException.class, () -> processed().replayStartedRow(false, 10, ops, t0));
        LedgerEntry revoked = LedgerEntry.tombstone(UUID.randomUUID(), t0, ops);
        assertThrows(IllegalTransitionException.class, () -> revoked.replayStartedRow(true, 10, ops, t0));
        LedgerEntry implied = LedgerEntry.handledOnFirstDelivery(UUID.randomUUID(), "t", "q", "{}", "{}", null, t0, "n", t0);
        assertThrows(IllegalStateException.class, () -> implied.replayStartedRow(true, 10, ops, t0),
                "an implied first delivery must write its rows first: the single replay's path");
    }

    @Test
    void replaysAreCapped() {
        LedgerEntry entry = failed();
        for (int i = 0; i < 2; i++) {
            entry.startReplay(false, 2, ops, t0);
            entry.failed(entry.startAttempt(AttemptKind.REPLAY, t0, "n"), AttemptOutcome.FAILED, "X", "again",
                    Change.system("failed"), t0);
        }
        ReplayRefusedException refused = assertThrows(ReplayRefusedException.class,
                () -> entry.startReplay(false, 2, ops, t0));
        assertTrue(refused.getMessage().contains("was replayed 2 times"), refused.getMessage());
        assertEquals(Status.FAILED, entry.status());
    }

    @Test
    void revokedAndRevokingEntriesCannotBeReplayed() {
        LedgerEntry entry = failed();
        entry.moveTo(Status.REVOKED, ops, t0);
        assertThrows(IllegalTransitionException.class, () -> entry.startReplay(true, 10, ops, t0));
        assertEquals(0, entry.replays());
    }

    @Test
    void aTombstoneIsRevokedBeforeItArrives() {
        LedgerEntry tombstone = LedgerEntry.tombstone(UUID.randomUUID(), t0, ops);
        assertEquals(Status.REVOKED, tombstone.status());
        assertEquals(List.of(Status.PENDING, Status.REVOKED), tombstone.history().stream().map(HistoryRecord::to).toList());
        assertEquals(null, tombstone.destination());
    }

    @Test
    void aCompensationThatFailsThenSucceedsEndsRevoked() {
        LedgerEntry entry = processed();
        entry.moveTo(Status.REVOKING, ops, t0);
        entry.compensationFailed(entry.startAttempt(AttemptKind.COMPENSATION, t0, "n"), "X", "cannot undo",
                Change.system("failed"), t0);
        assertEquals(Status.REVOKE_FAILED, entry.status());
        assertEquals("cannot undo", entry.lastError());
        entry.compensated(entry.startAttempt(AttemptKind.COMPENSATION, t0, "n"), Change.system("done"), t0);
        assertEquals(Status.REVOKED, entry.status());
        assertEquals(null, entry.lastError());
        assertEquals(3, entry.attempts());
    }

    @Test
    void aHoldIsRecordedInTheHistoryWithoutChangingTheStatus() {
        LedgerEntry entry = processed();
        entry.setHold(true, ops, t0);
        entry.setHold(true, ops, t0); // no change, no row
        assertTrue(entry.hold());
        assertEquals(Status.PROCESSED, entry.status());
        HistoryRecord last = entry.history().get(entry.history().size() - 1);
        assertEquals(Status.PROCESSED, last.from());
        assertEquals(Status.PROCESSED, last.to());
        assertEquals("hold placed: fixed the bug", last.reason());
        assertEquals(3, entry.history().size());
        entry.setHold(false, ops, t0);
        assertEquals("hold lifted: fixed the bug", entry.history().get(3).reason());
    }
}
