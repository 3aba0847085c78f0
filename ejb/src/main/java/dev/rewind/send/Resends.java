package dev.rewind.send;

import dev.rewind.api.RefusedException;
import dev.rewind.api.RewindHeaders;
import dev.rewind.api.RewindQueues;
import dev.rewind.api.Status;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.LedgerEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/**
 * Sends again the message Rewind sent for an entry that still waits for it: the compensation of a
 * REVOKING entry, the replay of a REPLAYING one, the send of a PENDING one. A crash at commit or a
 * lost broker branch can leave such an entry without its message; re-sending is safe because the
 * consumers run a message only while its entry awaits it, so a second copy is skipped.
 *
 * <p>The caller holds the entry's row lock (so two nodes never re-send the same entry at once) and
 * its transaction carries the send, as for the first one.
 */
@ApplicationScoped
public class Resends {

    @Inject
    JmsSender outbound;

    @Inject
    BrokerQueues broker;

    /** Whether the entry waits for a message Rewind sends (and so could have lost it). */
    public static boolean awaitsOwnMessage(LedgerEntry entry) {
        Status status = entry.status();
        return (status == Status.REVOKING && !entry.compensationHeld()) || status == Status.REPLAYING
                || (status == Status.PENDING && entry.outboundQueue() != null);
    }

    /** The queue the entry's message was sent to; entries written before it was recorded get the usual one. */
    public static String queueOf(LedgerEntry entry) {
        if (entry.outboundQueue() != null) {
            return entry.outboundQueue();
        }
        return entry.status() == Status.REVOKING ? RewindQueues.COMPENSATION : entry.destination();
    }

    /**
     * Queues longer than this are not searched message by message: the broker's management operations see
     * only the messages it holds in memory (a deep queue pages the rest to disk), so "not found" would not
     * mean "not there".
     */
    static final long SEARCHABLE = 200;

    /**
     * Whether the entry's message still waits in its queue (scheduled or ready), or may: in a queue longer
     * than {@link #SEARCHABLE} a message that is not found is assumed to be there, and nothing is re-sent
     * until the queue is shorter.
     */
    public boolean stillQueued(LedgerEntry entry) {
        String queue = queueOf(entry);
        return broker.count(queue, entry.id()) > 0 || !searchable(queue);
    }

    /** Whether the queue is short enough that a message not found in it is not there ({@link #SEARCHABLE}). */
    public boolean searchable(String queue) {
        return broker.count(queue) <= SEARCHABLE;
    }

    /**
     * Re-sends the entry's message unless it still waits in its queue.
     *
     * @throws RefusedException when the entry waits for no message of Rewind's, or its message is still queued
     */
    public void resendIfLost(LedgerEntry entry, Change change, Instant now) {
        if (!awaitsOwnMessage(entry)) {
            throw new RefusedException(entry.id(), "message " + entry.id() + " is " + entry.status()
                    + ": it waits for no message sent by Rewind");
        }
        String queue = queueOf(entry);
        if (stillQueued(entry)) {
            throw new RefusedException(entry.id(), "message " + entry.id() + " is " + entry.status() + " and its "
                    + what(entry) + " is waiting in queue " + queue + " (or may be: the queue holds more than "
                    + SEARCHABLE + " messages): it runs when consumed");
        }
        Map<String, String> extra = entry.status() == Status.REPLAYING
                ? Map.of(RewindHeaders.REPLAY_OF, entry.id().toString()) : Map.of();
        outbound.send(queue, entry.id(), entry.type(), entry.body(), entry.properties(), extra, 0);
        entry.sentTo(queue, now);
        entry.resent(change.as(what(entry) + " sent again (it was neither in " + queue + " nor consumed)"), now);
    }

    private static String what(LedgerEntry entry) {
        return switch (entry.status()) {
            case REVOKING -> "compensation";
            case REPLAYING -> "replay";
            default -> "message";
        };
    }
}
