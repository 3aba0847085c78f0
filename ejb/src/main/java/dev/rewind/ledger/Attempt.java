package dev.rewind.ledger;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.AttemptOutcome;
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

/** One execution of a handler for an entry. Created by {@link LedgerEntry#startAttempt}. */
@Entity
@Table(name = "rewind_attempt", indexes = @Index(name = "rewind_attempt_entry", columnList = "entry_id, id"))
public class Attempt {

    /** The longest node name kept. */
    static final int MAX_NODE = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rewind_attempt_seq")
    @SequenceGenerator(name = "rewind_attempt_seq", sequenceName = "rewind_attempt_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "entry_id", nullable = false)
    private LedgerEntry entry;

    @Column(name = "attempt_no", nullable = false)
    private int number;

    @Enumerated(EnumType.STRING)
    @Column(length = 20, nullable = false)
    private AttemptKind kind;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private AttemptOutcome outcome;

    @Column(length = LedgerEntry.MAX_ERROR)
    private String error;

    @Column(length = MAX_NODE)
    private String node;

    protected Attempt() {
        // for JPA
    }

    Attempt(LedgerEntry entry, int number, AttemptKind kind, Instant startedAt, String node) {
        this.entry = entry;
        this.number = number;
        this.kind = kind;
        this.startedAt = startedAt;
        this.node = node;
    }

    void end(AttemptOutcome outcome, String error, Instant endedAt) {
        this.outcome = outcome;
        this.error = error;
        this.endedAt = endedAt;
    }

    public int number() {
        return number;
    }

    public AttemptKind kind() {
        return kind;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public AttemptOutcome outcome() {
        return outcome;
    }

    public String error() {
        return error;
    }

    public String node() {
        return node;
    }
}
