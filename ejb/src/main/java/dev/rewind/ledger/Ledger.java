package dev.rewind.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
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
     * statement instead of 500).
     */
    public void lockAll(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            em.createQuery("select e from LedgerEntry e where e.id in :ids", LedgerEntry.class)
                    .setParameter("ids", ids)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
        }
    }

    public void add(LedgerEntry entry) {
        em.persist(entry);
    }
}
