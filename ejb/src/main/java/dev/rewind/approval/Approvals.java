package dev.rewind.approval;

import dev.rewind.api.ApprovalDeniedException;
import dev.rewind.api.ApprovalKind;
import dev.rewind.api.ApprovalState;
import dev.rewind.api.ApprovalView;
import dev.rewind.api.RefusedException;
import dev.rewind.api.UnknownApprovalException;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.LedgerEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The approval requests, in the caller's transaction. */
@ApplicationScoped
public class Approvals {

    /** The most requests listed at once. */
    public static final int MAX_PAGE = 100;

    @Inject
    ApprovalPolicy policy;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    /**
     * Holds a request back. An entry has at most one waiting request: a second is refused, naming the first.
     * The entry's history says who asked, for what, and why it waits.
     */
    public ApprovalRequest request(ApprovalKind kind, LedgerEntry entry, Long jobId, boolean cascade, String target,
                                   String why, Change change) {
        Instant now = Instant.now();
        if (entry != null) {
            waitingFor(entry.id()).ifPresent(waiting -> {
                throw new RefusedException(entry.id(), "message " + entry.id() + " has a request waiting for approval"
                        + " already (approval " + waiting.id() + ", " + waiting.kind() + " by " + waiting.requestedBy()
                        + "): decide that one first");
            });
        }
        ApprovalRequest request = new ApprovalRequest(kind, entry == null ? null : entry.id(), jobId, cascade, target,
                why, change, now, now.plus(policy.expiry()));
        em.persist(request);
        em.flush();
        if (entry != null) {
            entry.noted(change.as(describe(request) + " requested, waiting for approval " + request.id()
                    + " (" + why + ")"), now);
        }
        return request;
    }

    public Optional<ApprovalRequest> waitingFor(UUID entryId) {
        Instant now = Instant.now();
        return em.createQuery("select a from ApprovalRequest a where a.entryId = :entry and a.state = :waiting"
                        + " order by a.id", ApprovalRequest.class)
                .setParameter("entry", entryId).setParameter("waiting", ApprovalState.AWAITING_APPROVAL)
                .getResultList().stream().filter(a -> a.waiting(now)).findFirst();
    }

    /** The job's request while it waits, locked. */
    public Optional<ApprovalRequest> waitingForJob(long jobId) {
        return em.createQuery("select a from ApprovalRequest a where a.jobId = :job and a.state = :waiting",
                        ApprovalRequest.class)
                .setParameter("job", jobId).setParameter("waiting", ApprovalState.AWAITING_APPROVAL)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().findFirst();
    }

    public Optional<ApprovalView> forJob(long jobId) {
        return em.createQuery("select a from ApprovalRequest a where a.jobId = :job order by a.id desc",
                        ApprovalRequest.class)
                .setParameter("job", jobId).setMaxResults(1)
                .getResultList().stream().findFirst().map(ApprovalRequest::view);
    }

    public ApprovalView get(long id) {
        ApprovalRequest request = em.find(ApprovalRequest.class, id);
        if (request == null) {
            throw new UnknownApprovalException(id);
        }
        return request.view();
    }

    public List<ApprovalView> list(ApprovalState state, int limit) {
        var query = em.createQuery("select a from ApprovalRequest a" + (state == null ? "" : " where a.state = :state")
                + " order by a.id", ApprovalRequest.class);
        if (state != null) {
            query.setParameter("state", state);
        }
        return query.setMaxResults(Math.max(1, Math.min(limit, MAX_PAGE)))
                .getResultList().stream().map(ApprovalRequest::view).toList();
    }

    /**
     * Locks a waiting request for {@code actor}'s decision.
     *
     * @throws ApprovalDeniedException when {@code actor} asked for it
     * @throws RefusedException        when it was decided already or has expired
     */
    public ApprovalRequest forDecision(long id, String actor) {
        ApprovalRequest request = em.find(ApprovalRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw new UnknownApprovalException(id);
        }
        if (request.state() != ApprovalState.AWAITING_APPROVAL) {
            throw new RefusedException(request.entryId(), "approval " + id + " is " + request.state() + " already");
        }
        if (!request.waiting(Instant.now())) {
            throw new RefusedException(request.entryId(), "approval " + id + " expired at " + request.expiresAt()
                    + ": it never runs; ask again");
        }
        if (request.requestedBy().equals(actor)) {
            throw new ApprovalDeniedException("approval " + id + " was requested by " + actor
                    + ": another person must decide it (four eyes)");
        }
        return request;
    }

    /** Records the decision on the request, and on the entry's history when it is about one. */
    public void decide(ApprovalRequest request, ApprovalState outcome, Change decision, LedgerEntry entry) {
        Instant now = Instant.now();
        request.decide(outcome, decision.actor(), decision.reason(), now);
        if (entry != null && outcome != ApprovalState.APPROVED) {
            entry.noted(decision.as(describe(request) + " of " + request.requestedBy() + " " + outcome
                    + " (approval " + request.id() + ")"), now);
        }
    }

    /** Waiting requests past their expiry, at most {@code limit}, locked: for {@link #expire}. */
    public List<ApprovalRequest> expiredWaiting(int limit) {
        return em.createQuery("select a from ApprovalRequest a where a.state = :waiting and a.expiresAt <= :now"
                        + " order by a.id", ApprovalRequest.class)
                .setParameter("waiting", ApprovalState.AWAITING_APPROVAL).setParameter("now", Instant.now())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setMaxResults(limit)
                .getResultList();
    }

    public void expire(ApprovalRequest request, LedgerEntry entry) {
        Instant now = Instant.now();
        request.decide(ApprovalState.EXPIRED, null, "nobody decided before " + request.expiresAt(), now);
        if (entry != null) {
            entry.noted(Change.system(describe(request) + " of " + request.requestedBy() + " expired unapproved"
                    + " (approval " + request.id() + ")"), now);
        }
    }

    /** The approver's change when carrying a request out: the requester's reason and the approver's, both kept. */
    public static Change carriedOut(ApprovalRequest request, Change approval) {
        return new Change(request.requestedBy(), request.reason() + " [approval " + request.id() + ", approved by "
                + approval.actor() + ": " + approval.reason() + "]", null);
    }

    static String describe(ApprovalRequest request) {
        return switch (request.kind()) {
            case BULK -> "bulk job " + request.jobId();
            case FORCED_REPLAY -> "forced replay" + (request.target() == null ? "" : " to " + request.target());
            case REVOKE -> request.cascade() ? "cascading revoke" : "revoke";
        };
    }
}
