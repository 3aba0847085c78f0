package dev.rewind.jobs;

import dev.rewind.api.BulkKind;
import dev.rewind.api.IllegalTransitionException;
import dev.rewind.api.JobState;
import dev.rewind.api.RefusedException;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.failure.Errors;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.metrics.ChunkCommitted;
import dev.rewind.query.Cursor;
import dev.rewind.query.EntryQueries;
import dev.rewind.replay.Replays;
import dev.rewind.rehearse.RehearsalRecord;
import dev.rewind.rehearse.Rehearsals;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One chunk of a bulk job, in a transaction of its own: the job row is locked, the node checks that the
 * job is its to run (it holds the lease, or the lease ran out: then it takes the job over), the next
 * entries after the checkpoint are locked with one query and replayed (set-based: {@link Replays#replayAll})
 * or revoked one by one (a rehearsal locks nothing: each entry is rehearsed in a transaction of its own that
 * rolls back, and the result kept with the job), the checkpoint moves past them and the node's lease is renewed. All of it commits,
 * or none. The row lock and the lease in the same row make chunks of one job strictly one after another,
 * whichever nodes run them: a node never takes over a job in the middle of another node's chunk, and a
 * chunk done by one node moves the checkpoint that the next one, on any node, starts from.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BulkChunk {

    /** What a chunk did: how many entries it covered and whether the job goes on. */
    public record Result(int items, boolean more) {
    }

    private static final Logger LOG = Logger.getLogger(BulkChunk.class);

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

    @Inject
    Rehearsals rehearsals;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    Event<ChunkCommitted> chunkCommitted;

    public Result process(long jobId, String node, Duration lease) {
        BulkJob job = em.find(BulkJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state() != JobState.RUNNING) {
            return new Result(0, false);
        }
        if (!job.mayRun(node, Instant.now())) {
            return new Result(0, false); // another node holds the job: its runner goes on, this one stops
        }
        if (job.runner() != null && !job.runner().equals(node)) {
            LOG.infof("Node '%s' takes over bulk job %d from node '%s' (its lease ended %s), at %d of %d", node, jobId,
                    job.runner(), job.leaseUntil(), job.done() + job.skipped() + job.failed(), job.total());
        }
        List<Cursor> next = queries.positions(job.filter(), job.checkpoint(), job.chunkSize());
        Change change = new Change(job.actor(), job.reason(), job.id());
        int done = 0;
        int skipped = 0;
        int failed = 0;
        String error = null;
        if (job.kind() == BulkKind.REHEARSE) {
            // Nothing of the ledger changes, so nothing is locked: each entry is rehearsed in a transaction of
            // its own that rolls back, and what it found is kept with the job, in this chunk's transaction.
            for (Cursor position : next) {
                try {
                    em.persist(new RehearsalRecord(jobId, rehearsals.rehearse(position.id(), null)));
                    done++;
                } catch (RefusedException | UnknownMessageException notRehearsable) {
                    skipped++; // not rehearsable, no body, or gone since it matched
                } catch (RuntimeException e) {
                    failed++;
                    error = position.id() + ": " + Errors.describe(e);
                }
            }
        } else {
            List<LedgerEntry> locked = inOrder(next, ledger.lockAll(next.stream().map(Cursor::id).toList()));
            skipped += next.size() - locked.size(); // gone since they matched (retention)
            if (job.kind() == BulkKind.REPLAY) {
                Replays.Tally tally = replays.replayAll(locked, job.target(), job.force(), change);
                done += tally.done();
                skipped += tally.skipped();
            } else {
                for (LedgerEntry entry : locked) {
                    try {
                        revocations.revoke(entry.id(), change);
                        done++;
                    } catch (RefusedException | IllegalTransitionException | UnknownMessageException notApplicable) {
                        // The entry changed since it matched (or cannot take this operation): not the job's to do.
                        skipped++;
                    } catch (RuntimeException e) {
                        if (transaction.getRollbackOnly()) {
                            throw e; // the chunk is lost; the runner retries it from the same checkpoint
                        }
                        failed++;
                        error = entry.id() + ": " + Errors.describe(e);
                    }
                }
            }
        }
        Instant now = Instant.now();
        chunkCommitted.fire(new ChunkCommitted(jobId, job.kind(), done, skipped, failed));
        job.chunkDone(done, skipped, failed, next.isEmpty() ? null : next.get(next.size() - 1), error, now);
        if (next.size() < job.chunkSize()) {
            job.finish(JobState.COMPLETED, null, now);
        }
        job.lease(node, Instant.now().plus(lease)); // from the chunk's end: the next one is due within the lease
        return new Result(next.size(), job.state() == JobState.RUNNING);
    }

    /** The locked entries in the order of their positions (creation), the order they are replayed or revoked in. */
    private static List<LedgerEntry> inOrder(List<Cursor> positions, List<LedgerEntry> entries) {
        Map<UUID, LedgerEntry> byId = new HashMap<>();
        entries.forEach(entry -> byId.put(entry.id(), entry));
        return positions.stream().map(position -> byId.get(position.id())).filter(Objects::nonNull).toList();
    }
}
