package dev.rewind.replay;

import dev.rewind.api.IllegalTransitionException;
import dev.rewind.api.RefusedException;
import dev.rewind.api.RewindHeaders;
import dev.rewind.api.RewindQueues;
import dev.rewind.api.Status;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.metrics.Operated;
import dev.rewind.send.JmsSender;
import dev.rewind.send.Resends;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Replays one message in the caller's transaction: the entry becomes REPLAYING and the recorded
 * body and properties are sent again, marked {@code rewindReplayOf}, to the original queue or a
 * named one; the consumer runs it as a REPLAY attempt of the same entry. The stale copy in the
 * dead-letter queue is removed once this commits. Replaying a REPLAYING entry sends its replay again
 * if it was lost (see {@link Resends}).
 */
@ApplicationScoped
public class Replays {

    public static final String DEAD_LETTER_QUEUE = RewindQueues.DEAD_LETTER;

    @Inject
    Ledger ledger;

    @Inject
    JmsSender outbound;

    @Inject
    BrokerQueues broker;

    @Inject
    Resends resends;

    @Inject
    Event<Operated> operated;

    @Inject
    @ConfigProperty(name = "rewind.max-replays", defaultValue = "10")
    int maxReplays;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** What {@link #replayAll} did: entries replayed, and entries it was not for (refused by their state). */
    public record Tally(int done, int skipped) {
    }

    public LedgerEntry replay(UUID id, String target, boolean force, Change change) {
        LedgerEntry entry = ledger.findLocked(id).orElseThrow(() -> new UnknownMessageException(id));
        if (entry.status() == Status.REPLAYING && change.jobId() == null) {
            // The operator's way out of a replay lost in a crash: send it again (where it went the first
            // time) unless it waits in its queue.
            resends.resendIfLost(entry, change, Instant.now());
            operated.fire(new Operated(id, "replay-again", null));
            return entry;
        }
        String queue = queueFor(entry, target);
        entry.checkReplay(force, maxReplays);
        outbound.queue(queue, id); // refuse an unknown target before anything changes
        entry.startReplay(force, maxReplays, change, Instant.now());
        sendReplay(entry, queue, change);
        entry.sentTo(queue, Instant.now());
        return entry;
    }

    /**
     * Checks, with the entry locked, that {@link #replay} would replay it now (and not re-send a lost replay);
     * changes nothing.
     *
     * @return the entry, or empty when the call would re-send the replay of a REPLAYING entry
     */
    public Optional<LedgerEntry> check(UUID id, String target, boolean force, Change change) {
        LedgerEntry entry = ledger.findLocked(id).orElseThrow(() -> new UnknownMessageException(id));
        if (entry.status() == Status.REPLAYING && change.jobId() == null) {
            return Optional.empty();
        }
        entry.checkReplay(force, maxReplays);
        outbound.queue(queueFor(entry, target), id);
        return Optional.of(entry);
    }

    /**
     * A bulk job's chunk: replays each of these entries (locked by the caller, in this order) that can be
     * replayed, as {@link #replay} would, and skips the others. The ledger's part is set-based
     * ({@link Ledger#startReplays}); the messages are sent one by one in this transaction. A send that fails
     * rolls the whole chunk back: the ledger must not say REPLAYING for a message that was not sent.
     */
    public Tally replayAll(List<LedgerEntry> entries, String target, boolean force, Change change) {
        int skipped = 0;
        Map<String, List<LedgerEntry>> byQueue = new LinkedHashMap<>();
        List<LedgerEntry> implied = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            String queue = queueFor(entry, target);
            try {
                entry.checkReplay(force, maxReplays);
                outbound.queue(queue, entry.id());
            } catch (RefusedException | IllegalTransitionException notApplicable) {
                skipped++;
                continue;
            }
            if (entry.implied()) {
                implied.add(entry); // a forced replay of a first delivery's success writes its implied rows first
            } else {
                byQueue.computeIfAbsent(queue, q -> new ArrayList<>()).add(entry);
            }
        }
        Instant now = Instant.now();
        try {
            for (LedgerEntry entry : implied) {
                replay(entry.id(), target, force, change);
            }
            for (Map.Entry<String, List<LedgerEntry>> group : byQueue.entrySet()) {
                String queue = group.getKey();
                ledger.startReplays(group.getValue(), queue, force, maxReplays, change, now);
                for (LedgerEntry entry : group.getValue()) {
                    sendReplay(entry, queue, change);
                }
            }
        } catch (RuntimeException e) {
            transaction.setRollbackOnly();
            throw e;
        }
        return new Tally(entries.size() - skipped, skipped);
    }

    /** Where a replay goes: the named queue, or the one the message came from. */
    private static String queueFor(LedgerEntry entry, String target) {
        return target == null || target.isBlank() ? entry.destination() : target;
    }

    /** Sends the recorded message again, marked as a replay, and removes its DLQ copy once this commits. */
    private void sendReplay(LedgerEntry entry, String queue, Change change) {
        UUID id = entry.id();
        outbound.send(queue, id, entry.type(), entry.body(), entry.properties(),
                Map.of(RewindHeaders.REPLAY_OF, id.toString()), 0);
        broker.removeAfterCommit(List.of(DEAD_LETTER_QUEUE), id);
        operated.fire(new Operated(id, "replay", change.jobId()));
    }
}
