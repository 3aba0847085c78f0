package dev.rewind.revoke;

import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.UUID;

/**
 * Sends a compensation a cascade held back once the last message its entry caused is revoked. Called in the
 * transaction that revoked a child; the cause's row is locked first, so two children finishing at once see
 * each other (the second waits for the first to commit and then counts it) and the compensation is sent once.
 */
@ApplicationScoped
public class HeldCompensations {

    @Inject
    Ledger ledger;

    @Inject
    Revocations revocations;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    /** After a message caused by {@code cause} was revoked: sends the cause's compensation if nothing else holds it. */
    public void childRevoked(UUID cause) {
        LedgerEntry parent = ledger.findLocked(cause).orElse(null);
        if (parent == null || !parent.compensationHeld()) {
            return;
        }
        long open = em.createQuery("select count(e) from LedgerEntry e where e.causedBy = :cause"
                        + " and e.status not in :done", Long.class)
                .setParameter("cause", cause)
                .setParameter("done", Cascades.TAKEN_BACK)
                .getSingleResult();
        if (open == 0) {
            Instant now = Instant.now();
            parent.releaseCompensation(Change.system("the messages it caused are revoked: its compensation is sent"), now);
            revocations.sendCompensation(parent, now);
        }
    }
}
