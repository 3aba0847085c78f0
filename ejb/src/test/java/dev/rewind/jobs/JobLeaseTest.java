package dev.rewind.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.BulkKind;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EntryFilter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who may run a job's next chunk: the lease holder, or anyone once the lease ran out or was released. */
class JobLeaseTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private static BulkJob job() {
        BulkRequest request = new BulkRequest(BulkKind.REPLAY, EntryFilter.ALL, "reason", false, null, 0, 0, false);
        return new BulkJob(request, "operator", 10, "node-a", NOW.plusSeconds(30), NOW);
    }

    @Test
    void theHolderRunsAndOthersWaitUntilTheLeaseEnds() {
        BulkJob job = job();
        assertTrue(job.mayRun("node-a", NOW.plusSeconds(10)));
        assertFalse(job.mayRun("node-b", NOW.plusSeconds(10)));
        assertFalse(job.mayRun("node-b", NOW.plusSeconds(29)));
        assertTrue(job.mayRun("node-b", NOW.plusSeconds(30)), "a lease that ended is anyone's");
        assertTrue(job.mayRun("node-a", NOW.plusSeconds(300)), "the holder goes on after a pause");
    }

    @Test
    void aTakeoverMovesTheLeaseAndTheFormerHolderStops() {
        BulkJob job = job();
        job.lease("node-b", NOW.plusSeconds(60));
        assertEquals("node-b", job.runner());
        assertEquals("node-b", job.view().node());
        assertFalse(job.mayRun("node-a", NOW.plusSeconds(40)), "node-a wakes up late: the job is node-b's");
        assertTrue(job.mayRun("node-b", NOW.plusSeconds(40)));
    }

    @Test
    void aReleasedJobIsAnyonesAtOnce() {
        BulkJob job = job();
        job.lease("node-a", null); // what a node that stops cleanly leaves (JobTakeover)
        assertTrue(job.mayRun("node-b", NOW));
        assertEquals("node-a", job.runner(), "the last runner is still shown");
    }
}
