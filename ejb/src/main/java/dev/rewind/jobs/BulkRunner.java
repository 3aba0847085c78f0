package dev.rewind.jobs;

import dev.rewind.failure.Errors;
import dev.rewind.nodes.NodeName;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Drives bulk jobs on the server's managed executor: chunk after chunk, paced to the job's rate,
 * until the job completes, is cancelled, fails, or is no longer this node's to run. A chunk that fails is
 * retried from the same checkpoint a few times before the job is marked FAILED.
 *
 * <p>With several nodes one runs a job at a time: every chunk renews this node's lease of the job for
 * {@code rewind.jobs.lease} (PT30S) in its own transaction, and a runner waiting between chunks renews it
 * too. A node that finds another's lease live stops; {@link JobTakeover} starts runners for jobs whose
 * lease ran out.
 */
@ApplicationScoped
public class BulkRunner {

    private static final Logger LOG = Logger.getLogger(BulkRunner.class);
    private static final int RETRIES = 3;

    @Resource
    ManagedExecutorService executor;

    @Inject
    BulkChunk chunks;

    @Inject
    BulkJobs jobs;

    @Inject
    @ConfigProperty(name = "rewind.jobs.lease", defaultValue = "PT30S")
    String lease;

    /** Jobs this node is running, so a job is never driven twice by one node. */
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public void start(long jobId, int ratePerSecond) {
        if (!stopping && running.add(jobId)) {
            executor.submit(() -> run(jobId, ratePerSecond));
        }
    }

    /** Whether this node runs the job now. */
    boolean runs(long jobId) {
        return running.contains(jobId);
    }

    /** How long a node's hold on a job lasts without renewal. */
    public Duration lease() {
        return Duration.parse(lease);
    }

    /** Stops every runner of this node after its current chunk, waiting up to {@code patience} for them. */
    void stopAll(Duration patience) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + patience.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private void run(long jobId, int ratePerSecond) {
        int failures = 0;
        try {
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                long started = System.nanoTime();
                BulkChunk.Result result;
                try {
                    result = chunks.process(jobId, NodeName.CURRENT, lease());
                    failures = 0;
                } catch (RuntimeException e) {
                    if (stopping || shuttingDown(e)) {
                        // Not the job's failure: the chunk rolled back, and the job goes on elsewhere or after the restart.
                        LOG.infof("Bulk job %d stops with this node; it resumes from its checkpoint", jobId);
                        return;
                    }
                    if (++failures > RETRIES) {
                        LOG.errorf("Bulk job %d failed: %s", jobId, Errors.describe(e));
                        jobs.fail(jobId, "a chunk failed " + failures + " times: " + Errors.describe(e));
                        return;
                    }
                    LOG.warnf("Chunk of bulk job %d failed (attempt %d), retrying: %s", jobId, failures, Errors.describe(e));
                    TimeUnit.MILLISECONDS.sleep(200L * failures);
                    continue;
                }
                if (!result.more() || !pace(jobId, started, result.items(), ratePerSecond)) {
                    return;
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            LOG.infof("Bulk job %d interrupted; it resumes from its checkpoint on another node or when this one starts"
                    + " again", jobId);
        } finally {
            running.remove(jobId);
        }
    }

    /** Whether a chunk failed because the deployment is stopping (its beans refuse calls), not because of the job. */
    private static boolean shuttingDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String type = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage());
            if (type.equals("EJBComponentUnavailableException") || type.equals("ComponentIsStoppedException")
                    || message.contains("WFLYEJB0421") || message.contains("WFLYEE0043")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until the job's rate allows the next chunk, renewing the lease while it waits; false when the job
     * stopped being this node's meanwhile.
     */
    private boolean pace(long jobId, long startedNanos, int items, int ratePerSecond) throws InterruptedException {
        if (ratePerSecond <= 0 || items == 0) {
            return true;
        }
        long due = startedNanos + TimeUnit.SECONDS.toNanos(items) / ratePerSecond;
        long renewEvery = lease().toNanos() / 3;
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, renewEvery));
            if (stopping || (due - System.nanoTime() > 0 && !jobs.renew(jobId, NodeName.CURRENT, lease()))) {
                return false;
            }
        }
        return true;
    }
}
