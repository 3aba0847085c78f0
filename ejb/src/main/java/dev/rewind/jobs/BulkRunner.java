package dev.rewind.jobs;

import dev.rewind.failure.Errors;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Drives bulk jobs on the server's managed executor: chunk after chunk, paced to the job's rate,
 * until the job completes, is cancelled, or fails. A chunk that fails is retried from the same
 * checkpoint a few times before the job is marked FAILED.
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

    /** Jobs this node is running, so a job is never driven twice by one node. */
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    public void start(long jobId, int ratePerSecond) {
        if (running.add(jobId)) {
            executor.submit(() -> run(jobId, ratePerSecond));
        }
    }

    private void run(long jobId, int ratePerSecond) {
        int failures = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long started = System.nanoTime();
                BulkChunk.Result result;
                try {
                    result = chunks.process(jobId);
                    failures = 0;
                } catch (RuntimeException e) {
                    if (++failures > RETRIES) {
                        LOG.errorf("Bulk job %d failed: %s", jobId, Errors.describe(e));
                        jobs.fail(jobId, "a chunk failed " + failures + " times: " + Errors.describe(e));
                        return;
                    }
                    LOG.warnf("Chunk of bulk job %d failed (attempt %d), retrying: %s", jobId, failures, Errors.describe(e));
                    TimeUnit.MILLISECONDS.sleep(200L * failures);
                    continue;
                }
                if (!result.more()) {
                    return;
                }
                pace(started, result.items(), ratePerSecond);
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            LOG.infof("Bulk job %d interrupted; it resumes from its checkpoint when the server starts again", jobId);
        } finally {
            running.remove(jobId);
        }
    }

    private static void pace(long startedNanos, int items, int ratePerSecond) throws InterruptedException {
        if (ratePerSecond <= 0 || items == 0) {
            return;
        }
        long due = TimeUnit.SECONDS.toNanos(items) / ratePerSecond;
        long left = due - (System.nanoTime() - startedNanos);
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
