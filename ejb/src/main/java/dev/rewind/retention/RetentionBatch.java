package dev.rewind.retention;

import dev.rewind.api.Status;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One bounded batch of a purge, in a transaction of its own so a large purge never holds long locks. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RetentionBatch {

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    /** Purges up to {@code size} entries PROCESSED before {@code cutoff}; returns how many. */
    public int purge(Instant cutoff, RetentionMode mode, int size) {
        String payloadKept = mode == RetentionMode.PAYLOAD ? " and e.purgedAt is null" : "";
        List<UUID> ids = em.createQuery("select e.id from LedgerEntry e where e.status = :processed"
                        + " and e.processedAt < :cutoff and e.hold = false" + payloadKept, UUID.class)
                .setParameter("processed", Status.PROCESSED)
                .setParameter("cutoff", cutoff)
                .setMaxResults(size)
                // Locked until the purge commits: an operator's replay of one of them waits and then finds it gone,
                // instead of the purge deleting an entry that is being replayed; a second purge waits and finds them gone.
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        if (mode == RetentionMode.PAYLOAD) {
            em.createQuery("update LedgerEntry e set e.body = null, e.properties = null, e.purgedAt = :now,"
                            + " e.version = e.version + 1 where e.id in :ids")
                    .setParameter("now", Instant.now()).setParameter("ids", ids).executeUpdate();
        } else {
            em.createQuery("delete from Attempt a where a.entry.id in :ids").setParameter("ids", ids).executeUpdate();
            em.createQuery("delete from HistoryRecord h where h.entry.id in :ids").setParameter("ids", ids).executeUpdate();
            em.createQuery("delete from LedgerEntry e where e.id in :ids").setParameter("ids", ids).executeUpdate();
        }
        return ids.size();
    }
}
