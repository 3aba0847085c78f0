package dev.rewind.nodes;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;

/**
 * Named leases for timers that run on every node but whose work should run on one at a time: a node
 * takes the lease when nobody holds it (or it holds it already) and runs; the others skip that round.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TimerLeases {

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    /**
     * Whether this node now holds lease {@code name} for {@code hold}: one conditional update decides it. A
     * lease without its row (the migration makes the known ones) gets one, held by this node; of two nodes
     * making it at once, the second's insert fails (an exception: that round is skipped).
     */
    public boolean claim(String name, Duration hold) {
        Instant now = Instant.now();
        int taken = em.createQuery("update TimerLease l set l.holder = :node, l.leaseUntil = :until where l.name = :name"
                        + " and (l.holder is null or l.holder = :node or l.leaseUntil is null or l.leaseUntil < :now)")
                .setParameter("node", NodeName.CURRENT).setParameter("until", now.plus(hold)).setParameter("name", name)
                .setParameter("now", now).executeUpdate();
        if (taken == 1) {
            return true;
        }
        if (em.find(TimerLease.class, name) != null) {
            return false;
        }
        em.persist(new TimerLease(name, NodeName.CURRENT, now.plus(hold)));
        em.flush();
        return true;
    }
}
