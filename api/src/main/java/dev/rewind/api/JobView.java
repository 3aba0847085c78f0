package dev.rewind.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A bulk job as callers see it. A dry run has no id, {@code total} is the number of matching
 * entries and {@code sample} the first of them; a real job has an empty sample. {@code node} is the
 * node that runs the job (or ran it last): one node at a time, another taking over when it stops.
 * {@code approval} is the job's approval request, when the approval policy held it back.
 */
public record JobView(Long id, BulkKind kind, JobState state, boolean dryRun, EntryFilter filter, String reason,
                      String actor, boolean force, String target, int ratePerSecond, long total, long done,
                      long skipped, long failed, Instant createdAt, Instant updatedAt, Instant finishedAt,
                      String lastError, List<EntrySummary> sample, String node,
                      ApprovalView approval) implements Serializable {

    /** This view with its approval request. */
    public JobView withApproval(ApprovalView request) {
        return new JobView(id, kind, state, dryRun, filter, reason, actor, force, target, ratePerSecond, total, done,
                skipped, failed, createdAt, updatedAt, finishedAt, lastError, sample, node, request);
    }
}
