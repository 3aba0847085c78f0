package dev.rewind.rehearse;

import dev.rewind.api.RehearsalOutcome;
import dev.rewind.api.RehearsalResult;
import dev.rewind.ledger.StorableText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** What a REHEARSE job found for one entry: kept with the job, for its report and for a follow-up replay. */
@Entity
@Table(name = "rewind_rehearsal")
@IdClass(RehearsalRecord.Key.class)
public class RehearsalRecord {

    /** The key: a job rehearses an entry once. */
    public record Key(Long jobId, UUID entryId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "job_id")
    private Long jobId;

    @Id
    @Column(name = "entry_id")
    private UUID entryId;

    @Enumerated(EnumType.STRING)
    @Column(length = 20, nullable = false)
    private RehearsalOutcome outcome;

    @Column(name = "error_class", length = 200)
    private String errorClass;

    @Column(length = 1000)
    private String error;

    @Column(nullable = false)
    private long micros;

    protected RehearsalRecord() {
        // for JPA
    }

    public RehearsalRecord(long jobId, RehearsalResult result) {
        this.jobId = jobId;
        this.entryId = result.id();
        this.outcome = result.outcome();
        this.errorClass = StorableText.fit(result.errorClass(), 200);
        this.error = StorableText.fit(result.error(), 1000);
        this.micros = result.micros();
    }
}
