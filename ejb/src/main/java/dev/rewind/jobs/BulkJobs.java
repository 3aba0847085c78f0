package dev.rewind.jobs;

import dev.rewind.api.BulkRequest;
import dev.rewind.api.JobState;
import dev.rewind.api.JobView;
import dev.rewind.api.UnknownJobException;
import dev.rewind.query.EntryQueries;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
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
                request.target(), request.ratePerSecond(), total, 0, 0, 0, now, now, null, null, sample);
    }

    public JobView create(BulkRequest request, String actor) {
        Instant now = Instant.now();
        long total = queries.count(request.filter().createdBefore(now));
        BulkJob job = new BulkJob(request, actor, total, now);
        em.persist(job);
        em.flush();
        return job.view();
    }

    public JobView get(long id) {
        BulkJob job = em.find(BulkJob.class, id);
        if (job == null) {
            throw new UnknownJobException(id);
        }
        return job.view();
    }

    /** Stops a running job after its current chunk; a finished job is returned as it is. */
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

    public List<Long> running() {
        return em.createQuery("select j.id from BulkJob j where j.state = :state order by j.id", Long.class)
                .setParameter("state", JobState.RUNNING).getResultList();
    }
}
