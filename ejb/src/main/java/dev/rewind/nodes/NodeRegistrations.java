package dev.rewind.nodes;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The rows of {@code rewind_node}, each change in a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class NodeRegistrations {

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    /**
     * Takes {@code name} for this server, under the row's lock. Returns null when the name is now this
     * server's (it was free, stale, or already this server's after a crash), else the live node that holds it.
     */
    public RegisteredNode claim(String name, String serverId, String host, Instant now, Duration staleAfter) {
        RegisteredNode node = em.find(RegisteredNode.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            em.persist(new RegisteredNode(name, serverId, host, now));
            em.flush(); // a concurrent first claim of the same name fails here, and is retried as a claim of a row
            return null;
        }
        if (!node.serverId().equals(serverId) && node.live(now, staleAfter)) {
            em.detach(node);
            return node;
        }
        node.claimedBy(serverId, host, now);
        return null;
    }

    /** Records a heartbeat; false when the name is no longer this server's (another took it while it was stale). */
    public boolean heartbeat(String name, String serverId, Instant now) {
        return em.createQuery("update RegisteredNode n set n.heartbeatAt = :now where n.name = :name and n.serverId = :server")
                .setParameter("now", now).setParameter("name", name).setParameter("server", serverId)
                .executeUpdate() == 1;
    }

    /** Every registered node, by name. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<RegisteredNode> all() {
        return em.createQuery("select n from RegisteredNode n order by n.name", RegisteredNode.class).getResultList();
    }
}
