package dev.rewind.ledger;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.AttemptOutcome;
import dev.rewind.api.IllegalTransitionException;
import dev.rewind.api.ReplayRefusedException;
import dev.rewind.api.Status;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The ledger's record of one message: what it is, where it went, what happened to it.
 *
 * <p>The status changes only through {@link #moveTo}, which refuses transitions the lifecycle
 * does not allow and appends a {@link HistoryRecord} for every change. The {@code version}
 * column makes concurrent writers (consumer, operator, another node) collide in the database
 * instead of overwriting each other.
 */
@Entity
@Table(name = "rewind_entry", indexes = {
        @Index(name = "rewind_entry_status_created", columnList = "status, created_at, id"),
        @Index(name = "rewind_entry_type_created", columnList = "message_type, created_at, id"),
        @Index(name = "rewind_entry_destination_created", columnList = "destination, created_at, id"),
        @Index(name = "rewind_entry_created", columnList = "created_at, id"),
        @Index(name = "rewind_entry_retention", columnList = "status, processed_at")
})
public class LedgerEntry {

    /** The longest body the ledger keeps, in characters. */
    public static final int MAX_BODY = 1_048_576;
    /** The longest error text kept; longer ones are cut with a marker. */
    public static final int MAX_ERROR = 4000;
    /** The longest message type (JMSType) kept. */
    public static final int MAX_TYPE = 200;
    /** The longest queue name kept. */
    public static final int MAX_DESTINATION = 255;
    /** The longest JSON text of a message's user properties kept. */
    public static final int MAX_PROPERTIES = 65_535;
    /** The longest JMSMessageID kept. */
    public static final int MAX_JMS_MESSAGE_ID = 100;

    @Id
    private UUID id;

    @Column(name = "message_type", length = MAX_TYPE)
    private String type;

    /** The queue it was consumed from or sent to; null only for a tombstone. */
    @Column(length = MAX_DESTINATION)
    private String destination;

    @Column(length = MAX_BODY)
    private String body;

    /** User properties of the JMS message as a JSON object, replayed with the body. */
    @Column(length = MAX_PROPERTIES)
    private String properties;

    @Column(name = "jms_message_id", length = MAX_JMS_MESSAGE_ID)
    private String jmsMessageId;

    @Enumerated(EnumType.STRING)
    @Column(length = 20, nullable = false)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "processed_at")
    private Instant processedAt;

    @Column(name = "last_error", length = MAX_ERROR)
    private String lastError;

    /** The class of the last error (or the rejection kind), so failures can be grouped. */
    @Column(name = "error_class", length = 200)
    private String errorClass;

    /** How many times the entry was replayed: bounded, so a replay loop cannot run forever. */
    @Column(nullable = false)
    private int replays;

    /** An operator's hold: retention never purges a held entry. */
    @Column(nullable = false, columnDefinition = "boolean default false not null")
    private boolean hold;

    /** When retention removed the body and properties (payload-only purge); null while they are kept. */
    @Column(name = "purged_at")
    private Instant purgedAt;

    /** The queue of the last message Rewind sent for this entry; null if it never sent one. */
    @Column(name = "outbound_queue", length = MAX_DESTINATION)
    private String outboundQueue;

    /** When that message was due to be consumed (sent, plus its delivery delay). */
    @Column(name = "outbound_due")
    private Instant outboundDue;

    /**
     * Set only while the entry is exactly what its first delivery left when it succeeded: attempt 1 began
     * then, on this node. Such an entry has no attempt or history rows (the consumer's hot path writes one
     * row, not four): {@link #attemptLog} and {@link #history} imply them from these columns, the creation
     * and the processing times, and the first change of the entry writes them ({@link #materialize}).
     */
    @Column(name = "first_started_at")
    private Instant firstStartedAt;

    @Column(name = "first_node", length = Attempt.MAX_NODE)
    private String firstNode;

    /** For an edited message: the entry whose message it corrects. */
    @Column(name = "edit_of")
    private UUID editOf;

    /** For a SUPERSEDED entry: the entry with its corrected message. */
    @Column(name = "superseded_by")
    private UUID supersededBy;

    /** The message whose handler sent this one while it ran (causal lineage), or null. */
    @Column(name = "caused_by")
    private UUID causedBy;

    /** REVOKING, with its compensation not sent yet: a cascade holds it until what this message caused is revoked. */
    @Column(name = "compensation_held", nullable = false, columnDefinition = "boolean default false not null")
    private boolean compensationHeld;

    @Version
    private long version;

    @OneToMany(mappedBy = "entry", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    private List<Attempt> attemptLog = new ArrayList<>();

    @OneToMany(mappedBy = "entry", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    private List<HistoryRecord> history = new ArrayList<>();

    protected LedgerEntry() {
        // for JPA
    }

    /**
     * A message the ledger sees for the first time; it starts PENDING and the history says how
     * it got here.
     */
    public LedgerEntry(UUID id, String type, String destination, String body, String properties,
                       String jmsMessageId, Instant now, Change change) {
        this(id, type, destination, body, properties, jmsMessageId, now);
        history.add(new HistoryRecord(this, null, Status.PENDING, change, now));
    }

    /** A PENDING entry with no history yet. */
    private LedgerEntry(UUID id, String type, String destination, String body, String properties,
                        String jmsMessageId, Instant now) {
        this.id = Objects.requireNonNull(id, "id");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.type = type;
        this.body = body;
        this.properties = properties;
        this.jmsMessageId = jmsMessageId;
        this.createdAt = Objects.requireNonNull(now, "now");
        this.updatedAt = now;
        this.status = Status.PENDING;
    }

    /**
     * A message the ledger had not seen whose first delivery's handler succeeded: one row, PROCESSED after
     * attempt 1 (begun at {@code startedAt} on {@code node}), whose attempt and history are implied until the
     * entry changes again.
     */
    public static LedgerEntry handledOnFirstDelivery(UUID id, String type, String destination, String body,
                                                     String properties, String jmsMessageId, Instant startedAt,
                                                     String node, Instant now) {
        LedgerEntry entry = new LedgerEntry(id, type, destination, body, properties, jmsMessageId, startedAt);
        entry.firstStartedAt = startedAt;
        entry.firstNode = StorableText.fit(node, Attempt.MAX_NODE);
        entry.attempts = 1;
        entry.status = Status.PROCESSED;
        entry.processedAt = now;
        entry.updatedAt = now;
        return entry;
    }

    /** The history row that records where a message the ledger had not seen came from. */
    public static Change firstSeen(String destination) {
        return Change.system("first seen on " + destination);
    }

    /** The history row of a handler's success. */
    public static Change handledOn(int attempt) {
        return Change.system("handled on attempt " + attempt);
    }

    /** Whether attempt 1 and the first history rows are implied rather than stored. */
    public boolean implied() {
        return firstStartedAt != null;
    }

    /**
     * Writes the rows a first delivery's success left implied, before the entry changes again: the
     * complete story is then stored, as for every other entry.
     */
    private void materialize() {
        if (!implied()) {
            return;
        }
        attemptLog.add(impliedAttempt());
        history.addAll(impliedHistory());
        firstStartedAt = null;
        firstNode = null;
    }

    private Attempt impliedAttempt() {
        Attempt attempt = new Attempt(this, 1, AttemptKind.DELIVERY, firstStartedAt, firstNode);
        attempt.end(AttemptOutcome.SUCCEEDED, null, processedAt);
        return attempt;
    }

    private List<HistoryRecord> impliedHistory() {
        return List.of(new HistoryRecord(this, null, Status.PENDING, firstSeen(destination), createdAt),
                new HistoryRecord(this, Status.PENDING, Status.PROCESSED, handledOn(1), processedAt));
    }

    /**
     * A revoke of a message the ledger has not seen: the entry is REVOKED before the message
     * arrives, so the consumer skips it when it does.
     */
    public static LedgerEntry tombstone(UUID id, Instant now, Change change) {
        LedgerEntry entry = new LedgerEntry();
        entry.id = Objects.requireNonNull(id, "id");
        entry.createdAt = now;
        entry.updatedAt = now;
        entry.status = Status.PENDING;
        entry.history.add(new HistoryRecord(entry, null, Status.PENDING, Change.system("revoked before it arrived"), now));
        entry.moveTo(Status.REVOKED, change, now);
        return entry;
    }

    /**
     * Marks the entry for a replay: FAILED is the normal case, PROCESSED needs {@code force}
     * (its effects run again), and at most {@code maxReplays} replays are allowed.
     *
     * @throws IllegalTransitionException from any other status
     * @throws ReplayRefusedException     when force is missing, the limit is reached or there is no body
     */
    public void startReplay(boolean force, int maxReplays, Change change, Instant now) {
        checkReplay(force, maxReplays);
        replays++;
        moveTo(Status.REPLAYING, change, now);
    }

    /**
     * The history row of {@link #startReplay} for a replay written set-based ({@link Ledger#startReplays}),
     * after the same checks; the entry itself is changed by that statement, not here. An entry whose first
     * delivery is still implied cannot go this way: its implied rows must be written first.
     */
    HistoryRecord replayStartedRow(boolean force, int maxReplays, Change change, Instant now) {
        checkReplay(force, maxReplays);
        if (implied()) {
            throw new IllegalStateException("entry " + id + " keeps its first delivery implied: replay it alone");
        }
        return new HistoryRecord(this, status, Status.REPLAYING, change, now);
    }

    /** Throws what {@link #startReplay} would throw, without changing anything. */
    public void checkReplay(boolean force, int maxReplays) {
        if (!status.canMoveTo(Status.REPLAYING)) {
            throw new IllegalTransitionException(id, status, Status.REPLAYING);
        }
        if (status == Status.PROCESSED && !force) {
            throw new ReplayRefusedException(id, "message " + id + " is PROCESSED: a replay runs its effects again;"
                    + " replay it with force to do so");
        }
        if (purgedAt != null) {
            throw new ReplayRefusedException(id, "message " + id + " cannot be replayed: retention purged its body at "
                    + purgedAt);
        }
        if (body == null) {
            throw new ReplayRefusedException(id, "message " + id + " has no body in the ledger (it was rejected: "
                    + lastError + "); replay its copy from the dead-letter queue instead");
        }
        if (replays >= maxReplays) {
            throw new ReplayRefusedException(id, "message " + id + " was replayed " + replays
                    + " times, the limit (rewind.max-replays) is " + maxReplays);
        }
    }

    /**
     * Ends a compensation attempt that failed: REVOKING becomes REVOKE_FAILED with the error,
     * so the entry shows why it is not revoked yet; the broker may still redeliver.
     */
    public void compensationFailed(Attempt attempt, String errorClass, String error, Change change, Instant now) {
        String cut = cut(error);
        attempt.end(AttemptOutcome.FAILED, cut, now);
        if (status.awaitsCompensation()) {
            if (status == Status.REVOKING) {
                moveTo(Status.REVOKE_FAILED, change, now);
            }
            this.lastError = cut;
            this.errorClass = StorableText.fit(errorClass, 200);
            this.updatedAt = now;
        }
    }

    /** Ends a compensation attempt that succeeded: the entry is REVOKED. */
    public void compensated(Attempt attempt, Change change, Instant now) {
        attempt.end(AttemptOutcome.SUCCEEDED, null, now);
        moveTo(Status.REVOKED, change, now);
        lastError = null;
        errorClass = null;
    }

    /**
     * Places or lifts a hold. Not a status change, so its history row has the same status on both
     * sides; the reason says what happened.
     */
    public void setHold(boolean on, Change change, Instant now) {
        if (hold == on) {
            return;
        }
        materialize();
        hold = on;
        updatedAt = now;
        history.add(new HistoryRecord(this, status, status, change.as(on ? "hold placed" : "hold lifted"), now));
    }

    /**
     * The one place a status changes.
     *
     * @throws IllegalTransitionException when the lifecycle does not allow it; nothing is changed
     */
    public void moveTo(Status target, Change change, Instant now) {
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(id, status, target);
        }
        materialize();
        history.add(new HistoryRecord(this, status, target, change, now));
        status = target;
        updatedAt = now;
        if (target == Status.PROCESSED) {
            processedAt = now;
            lastError = null;
            errorClass = null;
        }
    }

    /**
     * Notes that Rewind sent a message for this entry (a send, a replay, a compensation) to this queue,
     * due to be consumed at {@code due}: reconciliation re-sends it if it is lost.
     */
    public void sentTo(String queue, Instant due) {
        outboundQueue = Objects.requireNonNull(queue, "queue");
        outboundDue = Objects.requireNonNull(due, "due");
    }

    /**
     * Records that the message Rewind had sent for this entry was lost and is sent again, due now. Not a
     * status change: the history row has the same status on both sides, the reason says why.
     */
    public void resent(Change change, Instant now) {
        if (outboundQueue == null) {
            throw new IllegalStateException("entry " + id + " has no message sent by Rewind");
        }
        materialize();
        outboundDue = now;
        updatedAt = now;
        history.add(new HistoryRecord(this, status, status, change, now));
    }

    /** Marks a new entry as sent by the handler of {@code cause} while it ran. */
    public void causedBy(UUID cause) {
        this.causedBy = cause;
    }

    /**
     * Starts a compensation whose message is not sent yet: REVOKING, held until the messages this one caused are
     * revoked. Reconciliation leaves it alone (it waits for no message of Rewind's).
     */
    public void holdCompensation(Change change, Instant now) {
        moveTo(Status.REVOKING, change, now);
        compensationHeld = true;
        outboundQueue = null;
        outboundDue = null;
    }

    /** Ends the hold of {@link #holdCompensation}: its compensation is sent now. */
    public void releaseCompensation(Change change, Instant now) {
        if (!compensationHeld) {
            throw new IllegalStateException("entry " + id + " holds no compensation");
        }
        compensationHeld = false;
        noted(change, now);
    }

    /** Marks a new entry as the corrected message of {@code original} (edit and retry). */
    public void correcting(UUID original) {
        this.editOf = Objects.requireNonNull(original, "original");
    }

    /**
     * Replaced by an edited message before it took effect: final, with its body kept and the edit named.
     *
     * @throws IllegalTransitionException when it has taken effect, or is taken back or replaced already
     */
    public void supersede(UUID edit, Change change, Instant now) {
        moveTo(Status.SUPERSEDED, change, now);
        this.supersededBy = Objects.requireNonNull(edit, "edit");
    }

    /** Adds a history row without a status change (a repair by reconciliation, say). */
    public void noted(Change change, Instant now) {
        materialize();
        history.add(new HistoryRecord(this, status, status, change, now));
    }

    /** Starts the next attempt of this entry's handler; its outcome is set by {@link #finish}. */
    public Attempt startAttempt(AttemptKind kind, Instant startedAt, String node) {
        materialize();
        attempts++;
        Attempt attempt = new Attempt(this, attempts, kind, startedAt, node);
        attemptLog.add(attempt);
        return attempt;
    }

    /** Ends an attempt that succeeded: the entry becomes PROCESSED. */
    public void succeeded(Attempt attempt, Change change, Instant now) {
        attempt.end(AttemptOutcome.SUCCEEDED, null, now);
        moveTo(Status.PROCESSED, change, now);
    }

    /**
     * Ends an attempt that failed. The entry becomes FAILED if it was waiting for its handler;
     * if it was taken back meanwhile (revoked), only the attempt is recorded.
     */
    public void failed(Attempt attempt, AttemptOutcome outcome, String errorClass, String error,
                       Change change, Instant now) {
        String cut = cut(error);
        attempt.end(outcome, cut, now);
        if (status.awaitsHandling()) {
            if (status != Status.FAILED) {
                moveTo(Status.FAILED, change, now);
            }
            this.lastError = cut;
            this.errorClass = StorableText.fit(errorClass, 200);
            this.updatedAt = now;
        }
    }

    static String cut(String text) {
        return StorableText.fit(text, MAX_ERROR);
    }

    public UUID id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String destination() {
        return destination;
    }

    public String body() {
        return body;
    }

    public String properties() {
        return properties;
    }

    public String jmsMessageId() {
        return jmsMessageId;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant processedAt() {
        return processedAt;
    }

    public String lastError() {
        return lastError;
    }

    public String errorClass() {
        return errorClass;
    }

    public int replays() {
        return replays;
    }

    public UUID editOf() {
        return editOf;
    }

    public UUID supersededBy() {
        return supersededBy;
    }

    public UUID causedBy() {
        return causedBy;
    }

    public boolean compensationHeld() {
        return compensationHeld;
    }

    public String outboundQueue() {
        return outboundQueue;
    }

    public Instant outboundDue() {
        return outboundDue;
    }

    public long version() {
        return version;
    }

    public boolean hold() {
        return hold;
    }

    public Instant purgedAt() {
        return purgedAt;
    }

    /** Every attempt, in order; attempt 1 is implied (not stored) while {@link #implied()}. */
    public List<Attempt> attemptLog() {
        return implied() ? List.of(impliedAttempt()) : attemptLog;
    }

    /** Every history row, in order; the first two are implied (not stored) while {@link #implied()}. */
    public List<HistoryRecord> history() {
        return implied() ? impliedHistory() : history;
    }
}
