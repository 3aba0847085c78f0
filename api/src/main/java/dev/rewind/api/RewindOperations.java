package dev.rewind.api;

import java.util.List;
import java.util.UUID;

/**
 * What Rewind offers other applications. Every change takes a reason, which the entry's history
 * records with the caller's principal as the actor.
 *
 * <p>Errors: {@code UnknownMessageException} / {@code UnknownJobException} for an unknown id,
 * {@code IllegalTransitionException} and {@code RefusedException} (with its subclasses
 * {@code ReplayRefusedException}, {@code NotCompensableException}) when the message's state does
 * not allow it, {@code InvalidRequestException} for unusable arguments. None of them changes
 * anything.
 */
public interface RewindOperations {

    /** The longest reason a change may give, in characters. */
    int MAX_REASON = 1000;

    /**
     * Replays a FAILED message (or a PROCESSED one with {@code force}): the consumer runs it again.
     *
     * @param target a queue name to send the replay to instead of the original queue, or null
     * @return the entry, now REPLAYING; or unchanged, with its {@code pendingApproval}, when the approval
     *         policy holds a forced replay back
     */
    EntryView replay(UUID id, String reason, String target, boolean force);

    /**
     * Takes a message back: withdrawn (REVOKED) if its handler has not run, compensated
     * (REVOKING, then REVOKED when the compensation committed) if it has. Revoking an id the
     * ledger has not seen leaves a tombstone: the message is skipped when it arrives.
     *
     * @return the entry, now REVOKED or REVOKING; or unchanged, with its {@code pendingApproval}, when the
     *         approval policy holds a compensation back
     */
    EntryView revoke(UUID id, String reason);

    /**
     * Revokes a message and everything it caused ({@link dev.rewind.spi.MessageContext#send follow-ups}, their
     * follow-ups, ...), deepest first, each by its own {@link RevokeMode}, in one transaction: a compensation
     * starts only once what its message caused is revoked. Refused, with nothing changed, when any message of
     * the tree cannot be revoked (no compensation, or its state), naming it.
     *
     * @return the plan as carried out; or, when the approval policy holds it back, the plan with its approval
     */
    RevokePlan revokeCascade(UUID id, String reason);

    /** What {@link #revoke} ({@code cascade} false) or {@link #revokeCascade} would do now; changes nothing. */
    RevokePlan planRevoke(UUID id, boolean cascade);

    /**
     * The causal tree around a message: its causes up to the root, and what it caused down to the leaves.
     *
     * @throws LineageTooLargeException past {@link Lineage#MAX_DEPTH}, {@link Lineage#MAX_CHILDREN} or
     *                                  {@link Lineage#MAX_NODES}
     */
    Lineage lineage(UUID id);

    /**
     * Edit and retry: runs a corrected message instead of one that has not taken effect (FAILED, PENDING or
     * REPLAYING). The corrected body is read as the handler's payload first; then, in one transaction, the
     * original becomes SUPERSEDED (its body kept, its message withdrawn from its queue and the DLQ) and a new
     * entry with a new id and {@code rewindEditOf} = the original is sent to Rewind's inbound queue.
     *
     * @return the new entry, PENDING
     */
    EntryView edit(UUID id, EditRequest request, String reason);

    /**
     * Rehearsal: runs the handler on the recorded body, or on {@code body} (a proposed edit) if not null, in a
     * transaction that is always rolled back, and says whether it would succeed. Nothing changes but one
     * history row (who rehearsed, the result). Only for handlers marked {@code @Rehearsable}.
     *
     * @throws RefusedException when the handler is not rehearsable or the entry has no body
     */
    RehearsalResult rehearse(UUID id, String body, String reason);

    /** Sends a message through Rewind: its PENDING entry and the message commit together. */
    EntryView send(SendRequest request, String reason);

    /** Places ({@code true}) or lifts a hold: retention never purges a held entry. */
    EntryView hold(UUID id, boolean hold, String reason);

    /**
     * A dry run returns the count and a sample; otherwise the job starts and runs in the background, or waits
     * AWAITING_APPROVAL when the approval policy holds it back (more entries than its threshold).
     */
    JobView startBulk(BulkRequest request);

    JobView job(long id);

    /** Jobs in {@code state} (all if null), newest first; pass {@code nextCursor} back for the next page. */
    Page<JobView> jobs(JobState state, String cursor, int limit);

    /**
     * What a REHEARSE job found: its entries grouped by outcome and error class, largest group first. A
     * follow-up job's filter takes the entries that would succeed with {@code wouldSucceedIn} = the job's id.
     */
    List<RehearsalGroup> rehearsalReport(long jobId);

    /** Requests in {@code state} (all if null), oldest first; at most {@code limit}. Expired ones say so. */
    List<ApprovalView> approvals(ApprovalState state, int limit);

    ApprovalView approval(long id);

    /**
     * Approves a request and carries it out at once, as its requester asked (the history names both). Only for
     * the approver role, never by the requester; refused when it expired or was decided, or when what it asks is
     * no longer possible (then it stays waiting and can be rejected).
     */
    ApprovalView approve(long id, String reason);

    /** Rejects a waiting request: it never runs. Same rules as {@link #approve}. */
    ApprovalView reject(long id, String reason);

    /** Stops a running job after its current chunk. */
    JobView cancelJob(long id, String reason);

    EntryView entry(UUID id);

    /** Entries matching the filter, newest first; pass {@code nextCursor} back for the next page. */
    Page<EntrySummary> entries(EntryFilter filter, String cursor, int limit);

    /** Counts by status and by type. */
    LedgerStats stats();

    /** FAILED entries grouped by type and error class, largest first (at most 100 groups). */
    List<FailureGroup> failureGroups();

    /** The Rewind servers sharing this ledger, by name, live or not (a node gone without stopping stays listed). */
    List<NodeView> nodes();
}
