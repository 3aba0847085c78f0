package dev.rewind.approval;

import dev.rewind.api.ApprovalKind;
import dev.rewind.api.ApprovalState;
import dev.rewind.api.ApprovalView;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.StorableText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A request held back by the approval policy, and its decision: the four-eyes audit record. */
@Entity
@Table(name = "rewind_approval")
public class ApprovalRequest {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rewind_approval_seq")
    @SequenceGenerator(name = "rewind_approval_seq", sequenceName = "rewind_approval_seq", allocationSize = 1)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(length = 20, nullable = false)
    private ApprovalKind kind;

    @Enumerated(EnumType.STRING)
    @Column(length = 20, nullable = false)
    private ApprovalState state;

    @Column(name = "entry_id")
    private UUID entryId;

    @Column(name = "job_id")
    private Long jobId;

    @Column(name = "cascade_revoke", nullable = false)
    private boolean cascade;

    @Column(length = 200)
    private String target;

    @Column(length = 1000, nullable = false)
    private String why;

    @Column(name = "requested_by", length = 200, nullable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(length = 1000, nullable = false)
    private String reason;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "decided_by", length = 200)
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(length = 1000)
    private String decision;

    @Version
    private long version;

    protected ApprovalRequest() {
        // for JPA
    }

    ApprovalRequest(ApprovalKind kind, UUID entryId, Long jobId, boolean cascade, String target, String why,
                    Change change, Instant now, Instant expiresAt) {
        this.kind = kind;
        this.state = ApprovalState.AWAITING_APPROVAL;
        this.entryId = entryId;
        this.jobId = jobId;
        this.cascade = cascade;
        this.target = target;
        this.why = StorableText.fit(why, 1000);
        this.requestedBy = change.actor();
        this.reason = change.reason();
        this.requestedAt = now;
        this.expiresAt = expiresAt;
    }

    /** Waiting, and not past its expiry at {@code now}. */
    public boolean waiting(Instant now) {
        return state == ApprovalState.AWAITING_APPROVAL && now.isBefore(expiresAt);
    }

    void decide(ApprovalState outcome, String actor, String why, Instant now) {
        this.state = outcome;
        this.decidedBy = actor;
        this.decision = why;
        this.decidedAt = now;
    }

    public ApprovalView view() {
        return new ApprovalView(id, kind, state, entryId, jobId, cascade, target, why, requestedBy, requestedAt,
                reason, expiresAt, decidedBy, decidedAt, decision);
    }

    public long id() {
        return id;
    }

    public ApprovalKind kind() {
        return kind;
    }

    public ApprovalState state() {
        return state;
    }

    public UUID entryId() {
        return entryId;
    }

    public Long jobId() {
        return jobId;
    }

    public boolean cascade() {
        return cascade;
    }

    public String target() {
        return target;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public String reason() {
        return reason;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
