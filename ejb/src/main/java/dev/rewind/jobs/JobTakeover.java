package dev.rewind.jobs;

import dev.rewind.api.JobState;
import dev.rewind.api.JobView;
import dev.rewind.failure.Errors;
import dev.rewind.nodes.NodeName;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
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
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts runners for the bulk jobs this node may run: when the deployment starts, the jobs it ran before a
 * restart and those nobody holds; then every {@code rewind.jobs.takeover-check} (PT10S), jobs whose runner's
 * lease ran out (its node died or hangs). The first chunk under the job's row lock decides which node runs
 * it ({@link BulkChunk}); a runner that loses that race stops at once. On a clean shutdown this node's
 * runners stop after their chunk and their jobs are released, so another node takes them over without
 * waiting for the lease to end.
 */
@Singleton
@Startup
@DependsOn("NodeRegistry")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobTakeover {

    private static final Logger LOG = Logger.getLogger(JobTakeover.class);

    @Resource
    TimerService timers;

    @Inject
    BulkJobs jobs;

    @Inject
    BulkRunner runner;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "rewind.jobs.takeover-check", defaultValue = "PT10S")
    String check;

    @PostConstruct
    void start() {
        takeOver();
        long every = Duration.parse(check).toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig("rewind job takeover", false));
    }

    @Timeout
    void takeOver() {
        try {
            for (JobView job : jobs.runnable(NodeName.CURRENT)) {
                if (runner.runs(job.id())) {
                    continue;
                }
                LOG.infof("Node '%s' runs bulk job %d (%s, %d of %d done%s)", NodeName.CURRENT, job.id(), job.kind(),
                        job.done() + job.skipped() + job.failed(), job.total(),
                        job.node() == null || job.node().equals(NodeName.CURRENT) ? "" : ", was node '" + job.node() + "'");
                runner.start(job.id(), job.ratePerSecond());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Looking for bulk jobs to take over failed (again in %s): %s", check, Errors.describe(e));
        }
    }

    /**
     * Stops this node's runners and releases its jobs. The update goes through this bean's own persistence
     * context: at shutdown the container stops stateless beans (such as {@link BulkJobs}) before it destroys
     * singletons.
     */
    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void stop() {
        try {
            runner.stopAll(Duration.ofSeconds(10));
            int released = em.createQuery("update BulkJob j set j.leaseUntil = null where j.state = :running"
                            + " and j.runner = :node")
                    .setParameter("running", JobState.RUNNING).setParameter("node", NodeName.CURRENT)
                    .executeUpdate();
            if (released > 0) {
                LOG.infof("Node '%s' stops and releases %d running bulk job(s) to the other nodes", NodeName.CURRENT, released);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("Releasing this node's bulk jobs failed (others take them over when the lease ends): %s",
                    Errors.describe(e));
        }
    }
}
