package dev.rewind.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
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

    public void add(LedgerEntry entry) {
        em.persist(entry);
    }
}
