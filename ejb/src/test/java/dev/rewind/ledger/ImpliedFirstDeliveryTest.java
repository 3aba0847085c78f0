package dev.rewind.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * A first delivery's success is one row: its attempt and history are implied, and the entry tells the same
 * story as one written row by row, before and after it changes again.
 */
class ImpliedFirstDeliveryTest {

    private final Instant started = Instant.parse("2026-11-29T10:00:00Z");
    private final Instant handled = started.plusMillis(7);
    private final Instant later = handled.plusSeconds(60);

    private LedgerEntry implied() {
        return LedgerEntry.handledOnFirstDelivery(UUID.randomUUID(), "transfer.requested", "rewind.inbound", "{}",
                "{\"a\":1}", "ID:1", started, "node-a", handled);
    }

    /** The same message's entry as the consumer wrote it before: every row stored. */
    private LedgerEntry written(UUID id) {
        LedgerEntry entry = new LedgerEntry(id, "transfer.requested", "rewind.inbound", "{}", "{\"a\":1}", "ID:1",
                started, LedgerEntry.firstSeen("rewind.inbound"));
        Attempt attempt = entry.startAttempt(AttemptKind.DELIVERY, started, "node-a");
        entry.succeeded(attempt, LedgerEntry.handledOn(1), handled);
        return entry;
    }

    @Test
    void itTellsTheStoryOfAnEntryWrittenRowByRow() {
        LedgerEntry entry = implied();
        LedgerEntry reference = written(entry.id());
        assertTrue(entry.implied());
        assertEquals(Status.PROCESSED, entry.status());
        assertEquals(1, entry.attempts());
        assertEquals(handled, entry.processedAt());
        assertEquals(started, entry.createdAt());
        assertSameAttempts(reference.attemptLog(), entry.attemptLog());
        assertSameHistory(reference.history(), entry.history());
    }

    @Test
    void itsFirstChangeWritesTheImpliedRowsBeforeItsOwn() {
        LedgerEntry entry = implied();
        LedgerEntry reference = written(entry.id());
        Change ops = Change.by("ops", "the fee was wrong");
        entry.moveTo(Status.REVOKING, ops, later);
        reference.moveTo(Status.REVOKING, ops, later);

        assertFalse(entry.implied(), "the rows are stored now");
        assertEquals(3, entry.history().size());
        assertSameHistory(reference.history(), entry.history());
        assertSameAttempts(reference.attemptLog(), entry.attemptLog());
    }

    @Test
    void aReplayAfterwardsIsAttemptTwo() {
        LedgerEntry entry = implied();
        entry.startReplay(true, 10, Change.by("ops", "again"), later);
        Attempt replay = entry.startAttempt(AttemptKind.REPLAY, later, "node-b");
        entry.succeeded(replay, LedgerEntry.handledOn(2), later.plusMillis(5));

        assertEquals(List.of(1, 2), entry.attemptLog().stream().map(Attempt::number).toList());
        assertEquals(List.of(AttemptKind.DELIVERY, AttemptKind.REPLAY),
                entry.attemptLog().stream().map(Attempt::kind).toList());
        assertEquals(handled, entry.attemptLog().get(0).endedAt(), "attempt 1 keeps its own end");
        assertEquals(later.plusMillis(5), entry.processedAt());
        assertEquals(List.of(Status.PENDING, Status.PROCESSED, Status.REPLAYING, Status.PROCESSED),
                entry.history().stream().map(HistoryRecord::to).toList());
    }

    @Test
    void aHoldIsAChangeTooButARefusedTransitionIsNot() {
        LedgerEntry entry = implied();
        assertThrows(IllegalTransitionException.class, () -> entry.moveTo(Status.FAILED, Change.system("x"), later));
        assertTrue(entry.implied(), "a refused transition changes nothing");
        entry.setHold(false, Change.by("ops", "no-op"), later);
        assertTrue(entry.implied(), "lifting a hold that is not placed changes nothing");
        entry.setHold(true, Change.by("ops", "keep it"), later);
        assertFalse(entry.implied());
        assertEquals(3, entry.history().size());
        assertNull(entry.history().get(0).from());
    }

    private static void assertSameAttempts(List<Attempt> expected, List<Attempt> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Attempt e = expected.get(i);
            Attempt a = actual.get(i);
            assertEquals(List.of(e.number(), e.kind(), e.startedAt(), e.endedAt(), e.outcome(), e.node()),
                    List.of(a.number(), a.kind(), a.startedAt(), a.endedAt(), a.outcome(), a.node()));
            assertEquals(e.error(), a.error());
        }
        assertEquals(AttemptOutcome.SUCCEEDED, actual.get(0).outcome());
    }

    private static void assertSameHistory(List<HistoryRecord> expected, List<HistoryRecord> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            HistoryRecord e = expected.get(i);
            HistoryRecord a = actual.get(i);
            assertEquals(e.from(), a.from());
            assertEquals(List.of(e.to(), e.at(), e.actor(), e.reason()), List.of(a.to(), a.at(), a.actor(), a.reason()));
            assertEquals(e.jobId(), a.jobId());
        }
    }
}
