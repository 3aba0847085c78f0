package dev.rewind.reconcile;

import dev.rewind.api.RewindQueues;
import dev.rewind.api.Status;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.message.Envelope;
import dev.rewind.metrics.Reconciled;
import dev.rewind.send.Resends;
import dev.rewind.send.Sends;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One repair of reconciliation per transaction, so a failure costs only that repair. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ReconcileStep {

    /** The statuses in which a copy in the dead-letter queue can never be needed again. */
    static final EnumSet<Status> FINISHED = EnumSet.of(Status.PROCESSED, Status.REVOKED, Status.SUPERSEDED);

    /** The statuses in which an entry waits for a message Rewind sent. */
    private static final EnumSet<Status> WAITING = EnumSet.of(Status.PENDING, Status.REPLAYING, Status.REVOKING);

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    Resends resends;

    @Inject
    Sends sends;

    @Inject
    Event<Reconciled> reconciled;

    /** A place in the order in which reconciliation visits overdue entries: when they were due, then their id. */
    public record Position(Instant due, UUID id) {
    }

    /** The queues that entries overdue at the cutoff wait on (entries that recorded their queue). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> overdueQueues(Instant cutoff) {
        return em.createQuery("select distinct e.outboundQueue from LedgerEntry e where e.status in :waiting"
                        + " and e.outboundDue < :cutoff and e.compensationHeld = false and e.outboundQueue is not null",
                        String.class)
                .setParameter("waiting", WAITING)
                .setParameter("cutoff", cutoff)
                .getResultList();
    }

    /**
     * Entries that wait for a message Rewind sent, due before the cutoff, in the order of {@link Position} and
     * after {@code after} (null: from the first), leaving out those waiting on the queues {@code passedOver}.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Position> overdue(Instant cutoff, Collection<String> passedOver, Position after, int limit) {
        StringBuilder jpql = new StringBuilder("select e.outboundDue, e.id from LedgerEntry e where e.status in :waiting"
                + " and e.outboundDue < :cutoff and e.compensationHeld = false");
        if (!passedOver.isEmpty()) {
            jpql.append(" and (e.outboundQueue is null or e.outboundQueue not in :passedOver)");
        }
        if (after != null) {
            jpql.append(" and (e.outboundDue > :due or (e.outboundDue = :due and e.id > :id))");
        }
        TypedQuery<Object[]> query = em.createQuery(jpql.append(" order by e.outboundDue, e.id").toString(), Object[].class)
                .setParameter("waiting", WAITING)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit);
        if (!passedOver.isEmpty()) {
            query.setParameter("passedOver", passedOver);
        }
        if (after != null) {
            query.setParameter("due", after.due()).setParameter("id", after.id());
        }
        return query.getResultStream().map(row -> new Position((Instant) row[0], (UUID) row[1])).toList();
    }

    /**
     * Re-sends the entry's message if it is still overdue (checked under the row lock: another node
     * may have just done it) and neither queued nor consumed; returns whether it did.
     */
    public boolean resendIfLost(UUID id, Instant cutoff, String grace) {
        LedgerEntry entry = ledger.findLocked(id).orElse(null);
        if (entry == null || !Resends.awaitsOwnMessage(entry) || entry.outboundDue() == null
                || !entry.outboundDue().isBefore(cutoff) || resends.stillQueued(entry)) {
            return false;
        }
        String action = switch (entry.status()) {
            case REVOKING -> "resent-compensation";
            case REPLAYING -> "resent-replay";
            default -> "resent-send";
        };
        resends.resendIfLost(entry, Change.system("overdue by more than " + grace), Instant.now());
        reconciled.fire(new Reconciled(action, 1));
        return true;
    }

    /** Of these ids, those whose entry is PROCESSED, REVOKED or SUPERSEDED: their dead-letter copies are stale. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UUID> finished(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select e.id from LedgerEntry e where e.id in :ids and e.status in :finished", UUID.class)
                .setParameter("ids", ids)
                .setParameter("finished", FINISHED)
                .getResultList();
    }

    /** Of these ids, those the ledger has no entry for. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UUID> unknown(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<UUID> known = new HashSet<>(em.createQuery("select e.id from LedgerEntry e where e.id in :ids", UUID.class)
                .setParameter("ids", ids).getResultList());
        return ids.stream().filter(id -> !known.contains(id)).toList();
    }

    /**
     * Sends a message the broker dead-lettered before Rewind recorded any delivery of it back to
     * {@code rewind.inbound}, with a PENDING entry that says why, in one transaction; false when the ledger
     * knows the id by now. Every delivery that reaches Rewind's consumer is recorded (handled, failed or
     * rejected, or rolled back because another writer recorded the id first), so a copy in the DLQ without
     * an entry lost all its delivery attempts before that: the crash soak saw it after kills, when the
     * broker counted messages it had given the killed consumer in advance as delivered. The consumer then
     * handles it as any message sent through Rewind, once.
     */
    public boolean redrive(Envelope deadLettered) {
        if (ledger.find(deadLettered.id()).isPresent()) {
            return false;
        }
        Instant now = Instant.now();
        Envelope message = deadLettered.on(RewindQueues.INBOUND);
        LedgerEntry entry = message.newEntry(now);
        sends.dispatch(entry, Map.of(), 0);
        entry.noted(Change.system("reconcile: sent again to " + RewindQueues.INBOUND + " from " + RewindQueues.DEAD_LETTER
                + ": the broker dead-lettered it before Rewind recorded any delivery (its delivery attempts were used"
                + " up before one reached Rewind's consumer, e.g. by a crash)"), now);
        reconciled.fire(new Reconciled("redriven-dead-letter", 1));
        return true;
    }

    /** Records in each entry's history that its stale copy left the dead-letter queue. */
    public void notedRemoved(Collection<UUID> ids, String queue) {
        Instant now = Instant.now();
        Map<UUID, LedgerEntry> entries = em.createQuery("select e from LedgerEntry e where e.id in :ids", LedgerEntry.class)
                .setParameter("ids", ids)
                .getResultStream()
                .collect(Collectors.toMap(LedgerEntry::id, e -> e));
        for (LedgerEntry entry : entries.values()) {
            entry.noted(Change.system("reconcile: removed a stale copy from " + queue + " (the entry is "
                    + entry.status() + ")"), now);
        }
        reconciled.fire(new Reconciled("removed-dead-letter", entries.size()));
    }
}
