package dev.rewind.ledger;

import dev.rewind.api.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Loads and stores ledger entries in the caller's transaction. */
@ApplicationScoped
public class Ledger {

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    public Optional<LedgerEntry> find(UUID id) {
        return Optional.ofNullable(em.find(LedgerEntry.class, id));
    }

    /**
     * Loads the entry with a row lock held to the end of the transaction: the way to serialise
     * writers of one message across threads and nodes.
     */
    public Optional<LedgerEntry> findLocked(UUID id) {
        return Optional.ofNullable(em.find(LedgerEntry.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Locks these entries with one query and keeps them in the persistence context, so that
     * {@link #findLocked} of each afterwards costs no round trip (a bulk chunk's 500 entries: one
     * statement instead of 500). Returns the entries found, in no particular order.
     */
    public List<LedgerEntry> lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select e from LedgerEntry e where e.id in :ids", LedgerEntry.class)
                .setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /**
     * Starts the replay of these entries, locked by the caller, whose messages go to {@code queue}: the same
     * change as {@link LedgerEntry#startReplay} and {@link LedgerEntry#sentTo} of each, after the same checks
     * ({@link LedgerEntry#replayStartedRow}), written set-based (one update for all of them, their history rows
     * in batches) because a bulk chunk of 500 entries spent most of its database time in 500 single-row
     * updates. The entries leave the persistence context (their loaded state is out of date).
     */
    public void startReplays(List<LedgerEntry> entries, String queue, boolean force, int maxReplays, Change change,
                             Instant now) {
        if (entries.isEmpty()) {
            return;
        }
        List<HistoryRecord> rows = new ArrayList<>(entries.size());
        for (LedgerEntry entry : entries) {
            rows.add(entry.replayStartedRow(force, maxReplays, change, now));
        }
        rows.forEach(em::persist);
        em.flush(); // the history rows go out in batches, their entries still in the persistence context
        int updated = em.createQuery("update LedgerEntry e set e.status = :replaying, e.replays = e.replays + 1,"
                        + " e.updatedAt = :now, e.outboundQueue = :queue, e.outboundDue = :now, e.version = e.version + 1"
                        + " where e.id in :ids")
                .setParameter("replaying", Status.REPLAYING)
                .setParameter("now", now)
                .setParameter("queue", queue)
                .setParameter("ids", entries.stream().map(LedgerEntry::id).toList())
                .executeUpdate();
        if (updated != entries.size()) {
            throw new IllegalStateException("started the replay of " + updated + " of " + entries.size() + " locked entries");
        }
        // Out of the persistence context, rows and entries alike: the entries' loaded state is out of date, and
        // each flush would otherwise check every row's entry with a select of its own.
        rows.forEach(em::detach);
        entries.forEach(em::detach);
    }

    public void add(LedgerEntry entry) {
        em.persist(entry);
    }
}
