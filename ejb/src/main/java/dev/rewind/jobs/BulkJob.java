package dev.rewind.jobs;

import dev.rewind.api.BulkKind;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EntryFilter;
import dev.rewind.api.JobState;
import dev.rewind.api.JobView;
import dev.rewind.api.Status;
import dev.rewind.query.Cursor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A bulk job and its checkpoint: the position of the last entry of the last committed chunk,
 * written in that chunk's transaction.
 */
@Entity
@Table(name = "rewind_job", indexes = @Index(name = "rewind_job_state", columnList = "state"))
public class BulkJob {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rewind_job_seq")
    @SequenceGenerator(name = "rewind_job_seq", sequenceName = "rewind_job_seq", allocationSize = 1)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(length = 10, nullable = false)
    private BulkKind kind;

    @Enumerated(EnumType.STRING)
    @Column(length = 20, nullable = false)
    private JobState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "filter_status", length = 20)
    private Status filterStatus;

    @Column(name = "filter_type", length = EntryFilter.MAX_TEXT)
    private String filterType;

    @Column(name = "filter_destination", length = EntryFilter.MAX_TEXT)
    private String filterDestination;

    @Column(name = "filter_created_from")
    private Instant filterCreatedFrom;

    /** The filter's end, or the job's start if earlier: entries that arrive later are not the job's. */
    @Column(name = "filter_created_to", nullable = false)
    private Instant filterCreatedTo;

    @Column(name = "filter_error_text", length = EntryFilter.MAX_TEXT)
    private String filterErrorText;

    @Column(name = "filter_error_class", length = EntryFilter.MAX_TEXT)
    private String filterErrorClass;

    @Column(name = "filter_would_succeed_in")
    private Long filterWouldSucceedIn;

    @Column(nullable = false)
    private boolean force;

    @Column(length = 200)
    private String target;

    @Column(nullable = false, length = 1000)
    private String reason;

    @Column(nullable = false, length = 200)
    private String actor;

    @Column(name = "rate_per_second", nullable = false)
    private int ratePerSecond;

    @Column(name = "chunk_size", nullable = false)
    private int chunkSize;

    @Column(nullable = false)
    private long total;

    @Column(nullable = false)
    private long done;

    @Column(nullable = false)
    private long skipped;

    @Column(nullable = false)
    private long failed;

    @Column(name = "cursor_at")
    private Instant cursorAt;

    @Column(name = "cursor_id")
    private UUID cursorId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    /** The node that runs the job's chunks (or ran them last). */
    @Column(length = 64)
    private String runner;

    /** Until when the runner may go on without another node taking the job over; renewed by every chunk. */
    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Version
    private long version;

    protected BulkJob() {
        // for JPA
    }

    BulkJob(BulkRequest request, String actor, long total, String node, Instant leaseUntil, Instant now) {
        EntryFilter filter = request.filter().createdBefore(now);
        this.kind = request.kind();
        this.state = JobState.RUNNING;
        this.filterStatus = filter.status();
        this.filterType = filter.type();
        this.filterDestination = filter.destination();
        this.filterCreatedFrom = filter.createdFrom();
        this.filterCreatedTo = filter.createdTo();
        this.filterErrorText = filter.errorText();
        this.filterErrorClass = filter.errorClass();
        this.filterWouldSucceedIn = filter.wouldSucceedIn();
        this.force = request.force();
        this.target = request.target();
        this.reason = request.reason();
        this.actor = actor;
        this.ratePerSecond = request.ratePerSecond();
        this.chunkSize = request.effectiveChunkSize();
        this.total = total;
        this.createdAt = now;
        this.updatedAt = now;
        this.runner = node;
        this.leaseUntil = leaseUntil;
    }

    public EntryFilter filter() {
        return new EntryFilter(filterStatus, filterType, filterDestination, filterCreatedFrom, filterCreatedTo,
                filterErrorText, filterErrorClass, filterWouldSucceedIn);
    }

    public Cursor checkpoint() {
        return cursorAt == null ? null : new Cursor(cursorAt, cursorId);
    }

    /** Records one committed chunk: its counts and the position after its last entry. */
    void chunkDone(int done, int skipped, int failed, Cursor last, String error, Instant now) {
        this.done += done;
        this.skipped += skipped;
        this.failed += failed;
        if (last != null) {
            this.cursorAt = last.createdAt();
            this.cursorId = last.id();
        }
        if (error != null) {
            this.lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
        }
        this.updatedAt = now;
    }

    /**
     * Whether {@code node} may run the next chunk: it holds the lease, or nobody holds one now (the lease
     * ended, or its node released it when it stopped: {@code lease_until} null).
     */
    boolean mayRun(String node, Instant now) {
        return runner == null || runner.equals(node) || leaseUntil == null || !leaseUntil.isAfter(now);
    }

    /** {@code node} runs the job until {@code until}, unless it renews the lease before then. */
    void lease(String node, Instant until) {
        this.runner = node;
        this.leaseUntil = until;
    }

    public String runner() {
        return runner;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }

    /** Held back by the approval policy: nobody runs it (no lease) until it is approved. */
    void awaitApproval() {
        state = JobState.AWAITING_APPROVAL;
        runner = null;
        leaseUntil = null;
    }

    /** Approved: RUNNING from the first entry, leased to the node that starts its runner. */
    void approved(String node, Instant until, Instant now) {
        if (state != JobState.AWAITING_APPROVAL) {
            throw new IllegalStateException("job " + id + " is " + state + ", not awaiting approval");
        }
        state = JobState.RUNNING;
        updatedAt = now;
        lease(node, until);
    }

    /** Rejected, or its request expired: it never runs. */
    void rejected(String why, Instant now) {
        if (state == JobState.AWAITING_APPROVAL) {
            state = JobState.REJECTED;
            finishedAt = now;
            updatedAt = now;
            lastError = why.length() > 2000 ? why.substring(0, 2000) : why;
        }
    }

    void finish(JobState end, String error, Instant now) {
        if (state == JobState.RUNNING || (state == JobState.AWAITING_APPROVAL && end == JobState.CANCELLED)) {
            state = end;
            finishedAt = now;
            updatedAt = now;
            if (error != null) {
                lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
            }
        }
    }

    public Long id() {
        return id;
    }

    public BulkKind kind() {
        return kind;
    }

    public JobState state() {
        return state;
    }

    public boolean force() {
        return force;
    }

    public String target() {
        return target;
    }

    public String reason() {
        return reason;
    }

    public String actor() {
        return actor;
    }

    public int ratePerSecond() {
        return ratePerSecond;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public long total() {
        return total;
    }

    public long done() {
        return done;
    }

    public long skipped() {
        return skipped;
    }

    public long failed() {
        return failed;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String lastError() {
        return lastError;
    }

    /** The job as callers see it. */
    public JobView view() {
        return new JobView(id, kind, state, false, filter(), reason, actor, force, target, ratePerSecond, total, done,
                skipped, failed, createdAt, updatedAt, finishedAt, lastError, List.of(), runner, null);
    }
}
