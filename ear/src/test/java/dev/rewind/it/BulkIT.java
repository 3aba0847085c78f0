package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.BulkKind;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EntryFilter;
import dev.rewind.api.EntryView;
import dev.rewind.api.HistoryView;
import dev.rewind.api.JobState;
import dev.rewind.api.JobView;
import dev.rewind.api.Rewind;
import dev.rewind.api.Status;
import dev.rewind.it.support.AsApprover;
import dev.rewind.it.support.AsOperator;
import dev.rewind.it.support.Await;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.TestSupport;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bulk replay of 10,000 FAILED entries. The replays go to a queue nobody consumes
 * ({@code rewind.it.parking}, test server only), so the test can count exactly what was sent.
 */
@ExtendWith(ArquillianExtension.class)
class BulkIT {

    static final String PARKING = "rewind.it.parking";
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWithTests(BulkIT.class, Await.class);
    }

    @Inject
    Rewind rewind;

    @EJB
    AsOperator operator;

    @EJB
    AsApprover approver;

    @EJB
    TestSupport support;

    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void emptyParking() {
        support.purge(PARKING);
    }

    @Test
    void aDryRunChangesNothingAndTheJobReplaysEachEntryOnce() throws Exception {
        String marker = "bulk-all-" + run;
        List<UUID> ids = support.seedFailed(10_000, marker, "x", "y");
        EntryFilter filter = new EntryFilter(Status.FAILED, null, null, null, null, marker);

        JobView dry = as(() -> rewind.startBulk(new BulkRequest(BulkKind.REPLAY, filter, "dry run", false, PARKING, 0, 0, true)));
        assertTrue(dry.dryRun());
        assertNull(dry.id());
        assertEquals(10_000, dry.total());
        assertEquals(20, dry.sample().size());
        assertEquals(Map.of("FAILED", 10_000L, "replays=0", 10_000L), support.stats(ids), "a dry run changes nothing");
        assertEquals(0, support.queueCount(PARKING));

        JobView started = approved(as(() -> rewind.startBulk(new BulkRequest(BulkKind.REPLAY, filter, "handler fixed", false,
                PARKING, 0, 500, false))));
        assertEquals(JobState.RUNNING, started.state());
        assertEquals(10_000, started.total());
        JobView done = awaitJob(started.id(), j -> j.state() != JobState.RUNNING);

        assertEquals(JobState.COMPLETED, done.state());
        assertEquals("rewind-test", done.node(), "the job says which node ran it (the test server's -Djboss.node.name)");
        assertEquals(10_000, done.done());
        assertEquals(0, done.skipped());
        assertEquals(0, done.failed());
        assertEquals(Map.of("REPLAYING", 10_000L, "replays=1", 10_000L), support.stats(ids), "each replayed once");
        assertEquals(10_000, support.queueCount(PARKING), "one message per entry");
        assertEquals(List.of(), support.countMismatches(), "the counts followed 10,000 entries moved in chunks");
    }

    @Test
    void aCancelledJobStopsAndWhatItDidIsConsistent() throws Exception {
        String marker = "bulk-cancel-" + run;
        List<UUID> ids = support.seedFailed(10_000, marker, "x", "y");
        EntryFilter filter = new EntryFilter(Status.FAILED, null, null, null, null, marker);
        JobView started = approved(as(() -> rewind.startBulk(new BulkRequest(BulkKind.REPLAY, filter, "slowly", false,
                PARKING, 1_000, 100, false))));
        awaitJob(started.id(), j -> j.done() >= 200);

        JobView cancelled = as(() -> rewind.cancelJob(started.id(), "wrong filter"));
        assertEquals(JobState.CANCELLED, cancelled.state());
        Thread.sleep(1_000); // a chunk in flight finished before the cancel; nothing may follow
        JobView after = as(() -> rewind.job(started.id()));
        assertEquals(cancelled.done(), after.done(), "no progress after the cancel");
        assertTrue(after.done() < 10_000, "stopped early: " + after.done());
        Map<String, Long> stats = support.stats(ids);
        assertEquals(after.done(), stats.getOrDefault("REPLAYING", 0L));
        assertEquals(10_000 - after.done(), stats.getOrDefault("FAILED", 0L));
        assertEquals(after.done(), support.queueCount(PARKING));
    }

    /**
     * A forced replay over every state, in chunks of five that mix them: each entry that may be replayed is
     * replayed once (one message, one REPLAYING history row naming the job, its earlier story intact, an
     * implied first delivery written out first); the others are skipped and unchanged; the counts agree.
     */
    @Test
    void aForcedReplayOfMixedEntriesReplaysWhatMayBeOnceAndKeepsEachStoryWhole() throws Exception {
        String type = "mixed." + run;
        Map<String, List<UUID>> seeded = support.seedMixed(type);
        Map<UUID, EntryView> before = new java.util.HashMap<>();
        for (List<UUID> ids : seeded.values()) {
            for (UUID id : ids) {
                before.put(id, as(() -> rewind.entry(id)));
            }
        }
        EntryFilter filter = new EntryFilter(null, type, null, null, null, null);
        JobView started = as(() -> rewind.startBulk(new BulkRequest(BulkKind.REPLAY, filter, "mixed", true, PARKING, 0, 5,
                false)));
        JobView done = awaitJob(started.id(), j -> j.state() != JobState.RUNNING);

        assertEquals(JobState.COMPLETED, done.state(), done.toString());
        assertEquals(6, done.done(), "implied, processed and failed entries: " + done);
        assertEquals(6, done.skipped(), "purged, revoked and replaying entries: " + done);
        assertEquals(0, done.failed());
        for (String kind : List.of("implied", "processed", "failed")) {
            for (UUID id : seeded.get(kind)) {
                EntryView was = before.get(id);
                EntryView now = as(() -> rewind.entry(id));
                assertEquals(Status.REPLAYING, now.status(), kind + " " + id);
                assertEquals(was.replays() + 1, now.replays(), kind + " " + id);
                assertEquals(was.attemptLog(), now.attemptLog(), kind + ": the attempts so far, as they were shown");
                assertEquals(was.history(), now.history().subList(0, was.history().size()),
                        kind + ": the story so far, as it was shown (an implied one now stored)");
                assertEquals(was.history().size() + 1, now.history().size(), kind + ": one row for the replay");
                HistoryView replay = now.history().get(now.history().size() - 1);
                assertEquals(List.of(was.status(), Status.REPLAYING, started.id()),
                        java.util.Arrays.asList(replay.from(), replay.to(), replay.jobId()), kind + ": " + replay);
            }
        }
        for (String kind : List.of("purged", "revoked", "replaying")) {
            for (UUID id : seeded.get(kind)) {
                EntryView was = before.get(id);
                EntryView now = as(() -> rewind.entry(id));
                assertEquals(List.of(was.status(), was.replays(), was.history()), List.of(now.status(), now.replays(),
                        now.history()), kind + " " + id + " was skipped and is unchanged");
            }
        }
        assertEquals(6, support.queueCount(PARKING), "one message per replayed entry");
        assertEquals(List.of(), support.countMismatches(), "the counts followed the set-based chunks");
    }

    private JobView awaitJob(long id, java.util.function.Predicate<JobView> condition) {
        return Await.until("job " + id + " is as expected", WAIT, () -> {
            try {
                return as(() -> rewind.job(id));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, condition);
    }

    private <T> T as(Callable<T> work) throws Exception {
        return operator.call(work);
    }

    /**
     * A job of more than 1,000 entries waits for approval (the default policy): approved here by another person,
     * as an operator's job would be.
     */
    private JobView approved(JobView job) throws Exception {
        assertEquals(JobState.AWAITING_APPROVAL, job.state(), "held back by the approval policy");
        assertEquals("it-operator", job.approval().requestedBy());
        approver.call(() -> rewind.approve(job.approval().id(), "four eyes in BulkIT"));
        return as(() -> rewind.job(job.id()));
    }
}
