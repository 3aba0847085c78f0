package dev.rewind.jobs;

import dev.rewind.api.BulkKind;
import dev.rewind.api.IllegalTransitionException;
import dev.rewind.api.JobState;
import dev.rewind.api.RefusedException;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.failure.Errors;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.metrics.ChunkCommitted;
import dev.rewind.query.Cursor;
import dev.rewind.query.EntryQueries;
import dev.rewind.replay.Replays;
import dev.rewind.revoke.Revocations;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.List;

/**
 * One chunk of a bulk job, in a transaction of its own: the job row is locked (so two nodes
 * resuming the same job take turns), the next entries after the checkpoint are replayed or
 * revoked, and the checkpoint moves past them. All of it commits, or none.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BulkChunk {

    /** What a chunk did: how many entries it covered and whether the job goes on. */
    public record Result(int items, boolean more) {
    }

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    @Inject
    EntryQueries queries;

    @Inject
    Ledger ledger;

    @Inject
    Replays replays;

    @Inject
    Revocations revocations;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    Event<ChunkCommitted> chunkCommitted;

    public Result process(long jobId) {
        BulkJob job = em.find(BulkJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state() != JobState.RUNNING) {
            return new Result(0, false);
        }
        List<Cursor> next = queries.positions(job.filter(), job.checkpoint(), job.chunkSize());
        Change change = new Change(job.actor(), job.reason(), job.id());
        int done = 0;
        int skipped = 0;
        int failed = 0;
        String error = null;
        ledger.lockAll(next.stream().map(Cursor::id).toList());
        for (Cursor position : next) {
            try {
                if (job.kind() == BulkKind.REPLAY) {
                    replays.replay(position.id(), job.target(), job.force(), change);
                } else {
                    revocations.revoke(position.id(), change);
                }
                done++;
            } catch (RefusedException | IllegalTransitionException | UnknownMessageException notApplicable) {
                // The entry changed since it matched (or cannot take this operation): not the job's to do.
                skipped++;
            } catch (RuntimeException e) {
                if (transaction.getRollbackOnly()) {
                    throw e; // the chunk is lost; the runner retries it from the same checkpoint
                }
                failed++;
                error = position.id() + ": " + Errors.describe(e);
            }
        }
        Instant now = Instant.now();
        chunkCommitted.fire(new ChunkCommitted(jobId, job.kind(), done, skipped, failed));
        job.chunkDone(done, skipped, failed, next.isEmpty() ? null : next.get(next.size() - 1), error, now);
        if (next.size() < job.chunkSize()) {
            job.finish(JobState.COMPLETED, null, now);
        }
        return new Result(next.size(), job.state() == JobState.RUNNING);
    }
}
