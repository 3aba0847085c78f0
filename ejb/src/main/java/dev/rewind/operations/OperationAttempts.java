package dev.rewind.operations;

import dev.rewind.api.ApprovalKind;
import dev.rewind.api.ApprovalState;
import dev.rewind.api.ApprovalView;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EditRequest;
import dev.rewind.api.EntryView;
import dev.rewind.api.JobView;
import dev.rewind.api.RevokeMode;
import dev.rewind.api.RevokePlan;
import dev.rewind.api.SendRequest;
import dev.rewind.api.Status;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.approval.ApprovalPolicy;
import dev.rewind.approval.ApprovalRequest;
import dev.rewind.approval.Approvals;
import dev.rewind.jobs.BulkJobs;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.revoke.Cascades;
import dev.rewind.edit.Edits;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.query.EntryQueries;
import dev.rewind.replay.Replays;
import dev.rewind.revoke.Revocations;
import dev.rewind.send.Sends;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One operation, one transaction: what {@link RewindService} retries when it meets a conflict. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OperationAttempts {

    @Inject
    Replays replays;

    @Inject
    Revocations revocations;

    @Inject
    Sends sends;

    @Inject
    EntryQueries queries;

    @Inject
    Ledger ledger;

    @Inject
    Edits edits;

    @Inject
    Cascades cascades;

    @Inject
    BulkJobs jobs;

    @Inject
    ApprovalPolicy policy;

    @Inject
    Approvals approvals;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    /** A replay; a forced one of a type the approval policy lists waits for approval instead. */
    public EntryView replay(UUID id, String target, boolean force, Change change) {
        if (force) {
            Optional<LedgerEntry> replayable = replays.check(id, target, true, change);
            Optional<String> why = replayable.flatMap(entry -> policy.forcedReplay(entry.type()));
            if (why.isPresent()) {
                approvals.request(ApprovalKind.FORCED_REPLAY, replayable.get(), null, false, target, why.get(), change);
                return viewAfterWrite(id);
            }
        }
        replays.replay(id, target, force, change);
        return viewAfterWrite(id);
    }

    /** A revoke; a compensation of a type the approval policy lists waits for approval instead. */
    public EntryView revoke(UUID id, Change change) {
        LedgerEntry entry = ledger.findLocked(id).orElse(null);
        if (entry != null && (entry.status() == Status.PROCESSED || entry.status() == Status.REVOKE_FAILED)) {
            revocations.checkCompensable(entry);
            Optional<String> why = policy.compensation(entry.type());
            if (why.isPresent()) {
                approvals.request(ApprovalKind.REVOKE, entry, null, false, null, why.get(), change);
                return viewAfterWrite(id);
            }
        }
        revocations.revoke(id, change);
        return viewAfterWrite(id);
    }

    /** A cascading revoke, carried out at once unless it compensates a type the approval policy lists. */
    public RevokePlan revokeCascade(UUID id, Change change) {
        List<Cascades.Node> plan = cascades.plan(id, true);
        List<String> guarded = plan.stream().filter(n -> n.mode() == RevokeMode.COMPENSATE)
                .map(n -> policy.compensation(n.entry().type())).flatMap(Optional::stream).distinct().toList();
        if (!guarded.isEmpty()) {
            LedgerEntry root = plan.get(plan.size() - 1).entry();
            ApprovalRequest request = approvals.request(ApprovalKind.REVOKE, root, null, true, null,
                    String.join("; ", guarded), change);
            RevokePlan held = cascades.view(id, true, plan);
            em.flush();
            return new RevokePlan(held.root(), true, held.steps(), request.view());
        }
        RevokePlan done = cascades.view(id, false, plan); // the statuses before, as planned
        cascades.carryOut(plan, change);
        em.flush();
        return done;
    }

    /** The plan of a revoke (with {@code cascade}, of everything the message caused); changes nothing. */
    public RevokePlan planRevoke(UUID id, boolean cascade) {
        return cascades.view(id, true, cascades.preview(id, cascade));
    }

    /** Creates a bulk job, held back for approval when the policy says so (before anyone sees it RUNNING). */
    public JobView startBulk(BulkRequest request, Change change, String node, Duration lease) {
        JobView job = jobs.create(request, change.actor(), node, lease);
        Optional<String> why = policy.bulk(job.total()).or(() -> policy.bulkTypes(request));
        if (why.isEmpty()) {
            return job;
        }
        JobView held = jobs.awaitApproval(job.id());
        ApprovalRequest approval = approvals.request(ApprovalKind.BULK, null, job.id(), false, request.target(),
                why.get(), change);
        return held.withApproval(approval.view());
    }

    /**
     * Approves a request and carries it out as its requester asked, in one transaction: if it can no longer be
     * carried out (refused by the entry's state now), nothing changes and the request keeps waiting.
     */
    public ApprovalView approve(long id, Change decision, String node, Duration lease) {
        ApprovalRequest request = approvals.forDecision(id, decision.actor());
        Change asked = Approvals.carriedOut(request, decision);
        LedgerEntry entry = null;
        switch (request.kind()) {
            case BULK -> jobs.approved(request.jobId(), node, lease);
            case FORCED_REPLAY -> entry = replays.replay(request.entryId(), request.target(), true, asked);
            case REVOKE -> {
                if (request.cascade()) {
                    List<Cascades.Node> plan = cascades.plan(request.entryId(), true);
                    cascades.carryOut(plan, asked);
                    entry = plan.get(plan.size() - 1).entry();
                } else {
                    entry = revocations.revoke(request.entryId(), asked);
                }
            }
        }
        approvals.decide(request, ApprovalState.APPROVED, decision, entry);
        em.flush();
        return request.view();
    }

    /**
     * Cancels a job: a running one stops after its current chunk; one awaiting approval is withdrawn, its request
     * closed as REJECTED with the canceller's reason (anyone who may cancel jobs may withdraw it, the requester too).
     */
    public JobView cancelJob(long id, Change change) {
        JobView job = jobs.cancel(id);
        approvals.waitingForJob(id).ifPresent(request -> approvals.decide(request, ApprovalState.REJECTED,
                change.as("withdrawn: the job was cancelled"), null));
        em.flush();
        return job;
    }

    /** Rejects a waiting request: it never runs. */
    public ApprovalView reject(long id, Change decision) {
        ApprovalRequest request = approvals.forDecision(id, decision.actor());
        LedgerEntry entry = request.entryId() == null ? null : ledger.findLocked(request.entryId()).orElse(null);
        if (request.kind() == ApprovalKind.BULK) {
            jobs.rejected(request.jobId(), "rejected by " + decision.actor() + ": " + decision.reason());
        }
        approvals.decide(request, ApprovalState.REJECTED, decision, entry);
        em.flush();
        return request.view();
    }

    /** Marks waiting requests past their expiry EXPIRED (their jobs REJECTED); returns how many. */
    public int expireDue(int limit) {
        List<ApprovalRequest> due = approvals.expiredWaiting(limit);
        for (ApprovalRequest request : due) {
            LedgerEntry entry = request.entryId() == null ? null : ledger.findLocked(request.entryId()).orElse(null);
            if (request.kind() == ApprovalKind.BULK) {
                jobs.rejected(request.jobId(), "its approval request expired at " + request.expiresAt());
            }
            approvals.expire(request, entry);
        }
        return due.size();
    }

    public EntryView hold(UUID id, boolean hold, Change change) {
        ledger.findLocked(id).orElseThrow(() -> new UnknownMessageException(id)).setHold(hold, change, Instant.now());
        return viewAfterWrite(id);
    }

    public EntryView edit(UUID id, EditRequest request, Change change) {
        UUID edit = edits.edit(id, request, change).id();
        return viewAfterWrite(edit);
    }

    /** Records in the entry's history that it was rehearsed, by whom and with what result. */
    public EntryView noteRehearsal(UUID id, Change change) {
        ledger.findLocked(id).orElseThrow(() -> new UnknownMessageException(id)).noted(change, Instant.now());
        return viewAfterWrite(id);
    }

    public EntryView send(SendRequest request, Change change) {
        UUID id = sends.send(request, change).id();
        return viewAfterWrite(id);
    }

    private EntryView viewAfterWrite(UUID id) {
        em.flush(); // a conflict shows here, inside the call, where it can be retried
        return queries.find(id).orElseThrow();
    }
}
