package dev.rewind.revoke;

import dev.rewind.api.NotCompensableException;
import dev.rewind.api.RefusedException;
import dev.rewind.api.RewindQueues;
import dev.rewind.api.Status;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.handling.HandlerRegistry;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.metrics.Operated;
import dev.rewind.replay.Replays;
import dev.rewind.send.JmsSender;
import dev.rewind.send.Resends;
import dev.rewind.spi.CompensatingHandler;
import dev.rewind.spi.MessageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Revokes one message in the caller's transaction, choosing the mode from its state.
 *
 * <p>The entry is locked first (SELECT ... FOR UPDATE), and the consumer writes the entry only
 * with a version check after its handler ran: so either the revoke sees the entry before the
 * handler's transaction committed (withdraw: the consumer's write then fails and it rolls back,
 * handler effects included) or after (compensate). Exactly one of "withdrawn, never handled" and
 * "handled, then compensated once" holds, across nodes sharing the database.
 */
@ApplicationScoped
public class Revocations {

    public static final String COMPENSATION_QUEUE = RewindQueues.COMPENSATION;

    @Inject
    Ledger ledger;

    @Inject
    HandlerRegistry handlers;

    @Inject
    JmsSender outbound;

    @Inject
    BrokerQueues broker;

    @Inject
    Resends resends;

    @Inject
    Event<Operated> operated;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    public LedgerEntry revoke(UUID id, Change change) {
        Instant now = Instant.now();
        Optional<LedgerEntry> found = ledger.findLocked(id);
        if (found.isEmpty()) {
            // Not seen yet: a tombstone. If the consumer inserts the same id meanwhile, the insert
            // conflicts, this transaction fails, and a retry finds the consumer's entry.
            LedgerEntry tombstone = LedgerEntry.tombstone(id, now, change.as("withdraw"));
            ledger.add(tombstone);
            em.flush();
            broker.removeAfterCommit(List.of(RewindQueues.INBOUND, RewindQueues.DEAD_LETTER), id);
            operated.fire(new Operated(id, "withdraw", change.jobId()));
            return tombstone;
        }
        LedgerEntry entry = found.get();
        Status status = entry.status();
        if (status.awaitsHandling()) {
            entry.moveTo(Status.REVOKED, change.as("withdraw"), now);
            broker.removeAfterCommit(queuesHolding(entry), id);
            operated.fire(new Operated(id, "withdraw", change.jobId()));
        } else if (status == Status.PROCESSED || status == Status.REVOKE_FAILED) {
            compensate(entry, change, now);
        } else if (status == Status.REVOKING && entry.compensationHeld()) {
            throw new RefusedException(id, "message " + id + " is being revoked by a cascade: its compensation waits"
                    + " until the messages it caused are revoked (see its lineage)");
        } else if (status == Status.REVOKING && change.jobId() == null) {
            // The operator's way out of a compensation lost in a crash: send it again unless it waits in its queue.
            resends.resendIfLost(entry, change, now);
            operated.fire(new Operated(id, "compensate-again", null));
        } else if (status == Status.REVOKING) {
            throw new RefusedException(id, "message " + id + " is being revoked (REVOKING): its compensation has not"
                    + " run yet");
        } else {
            throw new RefusedException(id, "message " + id + " is already " + status);
        }
        return entry;
    }

    private void compensate(LedgerEntry entry, Change change, Instant now) {
        checkCompensable(entry);
        entry.moveTo(Status.REVOKING, change.as("compensate"), now);
        sendCompensation(entry, now);
        operated.fire(new Operated(entry.id(), "compensate", change.jobId()));
    }

    /** Refuses an entry whose handler cannot compensate: none is registered, or it is not a CompensatingHandler. */
    public void checkCompensable(LedgerEntry entry) {
        MessageHandler<?> handler = handlers.find(entry.type()).orElse(null);
        if (!(handler instanceof CompensatingHandler<?>)) {
            throw new NotCompensableException(entry.id(), "message " + entry.id() + " ran and cannot be undone: "
                    + (handler == null
                    ? "no handler is registered for its type '" + entry.type() + "'"
                    : "the handler of '" + entry.type() + "' (" + handler.getClass().getSimpleName().replaceAll("\\$.*", "")
                    + ") does not implement CompensatingHandler"));
        }
    }

    /** Sends the compensating message of a REVOKING entry, in the caller's transaction. */
    void sendCompensation(LedgerEntry entry, Instant now) {
        outbound.send(COMPENSATION_QUEUE, entry.id(), entry.type(), entry.body(), entry.properties(), Map.of(), 0);
        entry.sentTo(COMPENSATION_QUEUE, now);
    }

    /** The queues that may hold the message of an entry that awaits handling: its own and the DLQ. */
    public static List<String> queuesHolding(LedgerEntry entry) {
        if (entry.destination() == null || entry.destination().equals(Replays.DEAD_LETTER_QUEUE)) {
            return List.of(Replays.DEAD_LETTER_QUEUE);
        }
        return List.of(entry.destination(), Replays.DEAD_LETTER_QUEUE);
    }
}
