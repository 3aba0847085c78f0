package dev.rewind.nodes;

import dev.rewind.api.NodeView;
import dev.rewind.failure.Errors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This node in the registry of live nodes: it takes its name when the deployment starts (and refuses to
 * start, failing the deployment, when another live server holds the name), beats every
 * {@code rewind.node.heartbeat} (PT10S), and gives the name up on a clean shutdown. A node whose
 * heartbeat is older than {@code rewind.node.stale-after} (PT30S) counts as gone: its name may be taken and
 * its bulk jobs are taken over. Clocks of the nodes are compared, so they must be synchronised (NTP).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeRegistry {

    private static final Logger LOG = Logger.getLogger(NodeRegistry.class);

    @Resource
    TimerService timers;

    @Inject
    NodeRegistrations registrations;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "rewind.node.heartbeat", defaultValue = "PT10S")
    String heartbeat;

    @Inject
    @ConfigProperty(name = "rewind.node.stale-after", defaultValue = "PT30S")
    String staleAfter;

    private final String serverId = ServerIdentity.current();
    private volatile boolean lost;

    @PostConstruct
    void register() {
        String problem = NodeName.problem(NodeName.CURRENT);
        if (problem != null) {
            throw new IllegalStateException("Rewind cannot start: " + problem + ". Start the server with"
                    + " -Djboss.node.name=<a short name, unique among the servers sharing the ledger>.");
        }
        Duration beat = Duration.parse(heartbeat);
        if (staleAfter().compareTo(beat.multipliedBy(2)) < 0) {
            throw new IllegalStateException("Rewind cannot start: rewind.node.stale-after (" + staleAfter
                    + ") must be at least twice rewind.node.heartbeat (" + heartbeat + ")");
        }
        RegisteredNode holder = claim();
        if (holder != null) {
            throw new IllegalStateException(String.format("Rewind refuses to start as node '%s': a live server"
                    + " already runs under that name (host %s, server id %s, started %s, last heartbeat %s)."
                    + " Every server sharing the ledger needs a name of its own (-Djboss.node.name=...), which is"
                    + " also its transaction manager's node identifier; a server that was stopped frees its name"
                    + " at once, a killed one after %s without heartbeat.", NodeName.CURRENT, holder.host(),
                    holder.serverId(), holder.startedAt(), holder.heartbeatAt(), staleAfter));
        }
        LOG.infof("Rewind node '%s' registered (server id %s, heartbeat every %s)", NodeName.CURRENT, serverId, heartbeat);
        timers.createIntervalTimer(beat.toMillis(), beat.toMillis(), new TimerConfig("rewind node heartbeat", false));
    }

    /** A first claim of a new name can meet another server's first claim of it: the loser reads the winner's row. */
    private RegisteredNode claim() {
        try {
            return registrations.claim(NodeName.CURRENT, serverId, host(), Instant.now(), staleAfter());
        } catch (EJBException concurrentFirstClaim) {
            return registrations.claim(NodeName.CURRENT, serverId, host(), Instant.now(), staleAfter());
        }
    }

    @Timeout
    void beat() {
        try {
            if (registrations.heartbeat(NodeName.CURRENT, serverId, Instant.now())) {
                if (lost) {
                    LOG.infof("Rewind node '%s' has its name back", NodeName.CURRENT);
                    lost = false;
                }
            } else if (claim() != null) {
                if (!lost) {
                    LOG.errorf("Rewind node '%s': another live server took this node's name while this one was"
                            + " silent for more than %s; give each server its own -Djboss.node.name", NodeName.CURRENT,
                            staleAfter);
                }
                lost = true;
            }
        } catch (RuntimeException e) {
            LOG.warnf("Rewind node '%s' could not record its heartbeat: %s", NodeName.CURRENT, Errors.describe(e));
        }
    }

    /**
     * Gives the name up. The persistence context is this bean's own: at shutdown the container stops the
     * stateless beans (such as {@link NodeRegistrations}) before it destroys singletons, but keeps what a
     * singleton injected until it is gone.
     */
    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void leave() {
        try {
            em.createQuery("delete from RegisteredNode n where n.name = :name and n.serverId = :server")
                    .setParameter("name", NodeName.CURRENT).setParameter("server", serverId).executeUpdate();
        } catch (RuntimeException e) {
            LOG.warnf("Rewind node '%s' could not give up its name (it frees itself after %s): %s", NodeName.CURRENT,
                    staleAfter, Errors.describe(e));
        }
    }

    /** Every registered node, whether its heartbeat is recent, and which one is this. */
    public List<NodeView> nodes() {
        Instant now = Instant.now();
        Duration stale = staleAfter();
        return registrations.all().stream().map(n -> new NodeView(n.name(), n.host(), n.startedAt(), n.heartbeatAt(),
                n.live(now, stale), n.name().equals(NodeName.CURRENT) && n.serverId().equals(serverId))).toList();
    }

    public Duration staleAfter() {
        return Duration.parse(staleAfter);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getProperty("jboss.host.name", "unknown");
        }
    }
}
