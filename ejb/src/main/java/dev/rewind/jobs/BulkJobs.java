package dev.rewind.jobs;

import dev.rewind.api.BulkRequest;
import dev.rewind.api.InvalidRequestException;
import dev.rewind.api.JobState;
import dev.rewind.api.JobView;
import dev.rewind.api.Page;
import dev.rewind.api.UnknownJobException;
import dev.rewind.query.EntryQueries;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Creates, reads, cancels and fails bulk jobs, each in its own transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BulkJobs {

    /** How many matching entries a dry run shows. */
    public static final int SAMPLE = 20;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    @Inject
    EntryQueries queries;

    /** Counts and samples what the request would cover; changes nothing. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public JobView dryRun(BulkRequest request, String actor) {
        Instant now = Instant.now();
        var filter = request.filter().createdBefore(now);
        long total = queries.count(filter);
        var sample = queries.page(filter, null, SAMPLE).items();
        return new JobView(null, request.kind(), null, true, filter, request.reason(), actor, request.force(),
                request.target(), request.ratePerSecond(), total, 0, 0, 0, now, now, null, null, sample, null, null);
    }

    /**
     * A new RUNNING job, leased to {@code node} (the node that starts its runner) for {@code lease}. In the
     * caller's transaction: the caller may hold it back for approval before anyone sees it RUNNING.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public JobView create(BulkRequest request, String actor, String node, Duration lease) {
        Instant now = Instant.now();
        long total = queries.count(request.filter().createdBefore(now));
        BulkJob job = new BulkJob(request, actor, total, node, now.plus(lease), now);
        em.persist(job);
        em.flush();
        return job.view();
    }

    /** Holds a job created in this transaction back for approval. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public JobView awaitApproval(long id) {
        BulkJob job = locked(id);
        job.awaitApproval();
        return job.view();
    }

    /** Starts an approved job: RUNNING, leased to {@code node}, whose runner the caller starts after commit. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public JobView approved(long id, String node, Duration lease) {
        BulkJob job = locked(id);
        Instant now = Instant.now();
        job.approved(node, now.plus(lease), now);
        return job.view();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void rejected(long id, String why) {
        locked(id).rejected(why, Instant.now());
    }

    private BulkJob locked(long id) {
        BulkJob job = em.find(BulkJob.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw new UnknownJobException(id);
        }
        return job;
    }

    public JobView get(long id) {
        BulkJob job = em.find(BulkJob.class, id);
        if (job == null) {
            throw new UnknownJobException(id);
        }
        return job.view();
    }

    /** The largest page of jobs a caller may ask for. */
    public static final int MAX_PAGE = 100;

    /**
     * Jobs in {@code state} (all if null) newest first: ids come from a sequence, so "newer" is "larger id" and the cursor is the last id
     * of the page (the primary key's index serves every page).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Page<JobView> page(JobState state, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException("limit must be from 1 to " + MAX_PAGE + ", found " + limit);
        }
        long before = Long.MAX_VALUE;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("cursor '" + (cursor.length() > 40 ? cursor.substring(0, 40) + "..." : cursor)
                        + "' is not a cursor this API returned");
            }
        }
        var query = em.createQuery("select j from BulkJob j where j.id < :before"
                + (state == null ? "" : " and j.state = :state") + " order by j.id desc", BulkJob.class);
        if (state != null) {
            query.setParameter("state", state);
        }
        List<BulkJob> found = query.setParameter("before", before).setMaxResults(limit + 1).getResultList();
        List<JobView> items = found.stream().limit(limit).map(BulkJob::view).toList();
        String next = found.size() > limit ? Long.toString(found.get(limit - 1).id()) : null;
        return new Page<>(new ArrayList<>(items), next);
    }

    /**
     * Stops a running job after its current chunk, or withdraws one awaiting approval (it never runs); a finished job
     * is returned as it is. In the caller's transaction, which closes the withdrawn job's approval request.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public JobView cancel(long id) {
        BulkJob job = em.find(BulkJob.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw new UnknownJobException(id);
        }
        job.finish(JobState.CANCELLED, null, Instant.now());
        return job.view();
    }

    public void fail(long id, String error) {
        BulkJob job = em.find(BulkJob.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job != null) {
            job.finish(JobState.FAILED, error, Instant.now());
        }
    }

    /**
     * Extends {@code node}'s lease of a running job while its runner waits between chunks (a paced job);
     * false when the job is no longer this node's to run (finished, cancelled, or taken over).
     */
    public boolean renew(long id, String node, Duration lease) {
        BulkJob job = em.find(BulkJob.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state() != JobState.RUNNING || !node.equals(job.runner())) {
            return false;
        }
        job.lease(node, Instant.now().plus(lease));
        return true;
    }

    /** Running jobs {@code node} may run now: its own (from before a restart) and those whose lease ran out. */
    public List<JobView> runnable(String node) {
        return em.createQuery("select j from BulkJob j where j.state = :state and (j.runner is null or j.runner = :node"
                        + " or j.leaseUntil is null or j.leaseUntil <= :now) order by j.id", BulkJob.class)
                .setParameter("state", JobState.RUNNING).setParameter("node", node).setParameter("now", Instant.now())
                .getResultList().stream().map(BulkJob::view).toList();
    }
}
