package dev.rewind.ledger;

import dev.rewind.api.Status;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One status change of an entry: the audit trail. Written by {@link LedgerEntry#moveTo} only and
 * never updated ({@link Immutable}), so the history is append-only.
 */
@Entity
@Immutable
@Table(name = "rewind_history", indexes = @Index(name = "rewind_history_entry", columnList = "entry_id, id"))
public class HistoryRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rewind_history_seq")
    @SequenceGenerator(name = "rewind_history_seq", sequenceName = "rewind_history_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "entry_id", nullable = false)
    private LedgerEntry entry;

    @Column(name = "changed_at", nullable = false)
    private Instant at;

    /** {@code null} for the row that records the entry's creation. */
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 20)
    private Status from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", length = 20, nullable = false)
    private Status to;

    @Column(nullable = false, length = 200)
    private String actor;

    @Column(nullable = false, length = 1000)
    private String reason;

    @Column(name = "job_id")
    private Long jobId;

    protected HistoryRecord() {
        // for JPA
    }

    HistoryRecord(LedgerEntry entry, Status from, Status to, Change change, Instant at) {
        this.entry = entry;
        this.from = from;
        this.to = to;
        this.actor = StorableText.fit(change.actor(), 200);
        this.reason = StorableText.fit(change.reason(), 1000);
        this.jobId = change.jobId();
        this.at = at;
    }

    public Instant at() {
        return at;
    }

    public Status from() {
        return from;
    }

    public Status to() {
        return to;
    }

    public String actor() {
        return actor;
    }

    public String reason() {
        return reason;
    }

    public Long jobId() {
        return jobId;
    }
}
