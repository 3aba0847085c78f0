package dev.rewind.operations;

import dev.rewind.api.ApprovalKind;
import dev.rewind.api.ApprovalState;
import dev.rewind.api.ApprovalView;
import dev.rewind.api.Lineage;
import dev.rewind.api.RevokePlan;
import dev.rewind.approval.Approvals;
import dev.rewind.lineage.Lineages;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EditRequest;
import dev.rewind.api.EntryFilter;
import dev.rewind.api.EntrySummary;
import dev.rewind.api.EntryView;
import dev.rewind.api.FailureGroup;
import dev.rewind.api.InvalidRequestException;
import dev.rewind.api.JobState;
import dev.rewind.api.JobView;
import dev.rewind.api.LedgerStats;
import dev.rewind.api.NodeView;
import dev.rewind.api.Page;
import dev.rewind.api.RehearsalGroup;
import dev.rewind.api.RehearsalResult;
import dev.rewind.api.Rewind;
import dev.rewind.api.RewindOperations;
import dev.rewind.api.RewindRemote;
import dev.rewind.api.Roles;
import dev.rewind.api.SendRequest;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.failure.DatabaseFailure;
import dev.rewind.jobs.BulkJobs;
import dev.rewind.jobs.BulkRunner;
import dev.rewind.jobs.RehearsalReports;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.nodes.NodeName;
import dev.rewind.nodes.NodeRegistry;
import dev.rewind.query.EntryQueries;
import dev.rewind.rehearse.Rehearsals;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.ejb3.annotation.SecurityDomain;
import org.jboss.logging.Logger;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Rewind's stateless session bean. It checks the caller and the arguments, names the actor, and
 * runs each change in a transaction of its own ({@link OperationAttempts}), retrying a few times when
 * the transaction lost a race with the consumer or another operator: the retry sees the new state
 * and decides again (a revoke that lost to the consumer becomes a compensation).
 */
@Stateless
@SecurityDomain("other")
@DeclareRoles({Roles.VIEWER, Roles.OPERATOR, Roles.SENDER, Roles.APPROVER})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RewindService implements Rewind, RewindRemote {

    private static final Logger LOG = Logger.getLogger(RewindService.class);
    private static final int ATTEMPTS = 5;

    @Resource
    SessionContext caller;

    @Inject
    OperationAttempts tx;

    @Inject
    EntryQueries queries;

    @Inject
    Rehearsals rehearsals;

    @Inject
    RehearsalReports reports;

    @Inject
    BulkJobs jobs;

    @Inject
    BulkRunner runner;

    @Inject
    NodeRegistry nodes;

    @Inject
    Lineages lineages;

    @Inject
    Approvals approvals;

    @Override
    @RolesAllowed(Roles.OPERATOR)
    public EntryView replay(UUID id, String reason, String target, boolean force) {
        Change change = change(reason);
        return retrying(() -> tx.replay(required(id), target, force, change));
    }

    @Override
    @RolesAllowed(Roles.OPERATOR)
    public EntryView revoke(UUID id, String reason) {
        Change change = change(reason);
        return retrying(() -> tx.revoke(required(id), change));
    }

    @Override
    @RolesAllowed(Roles.OPERATOR)
    public RevokePlan revokeCascade(UUID id, String reason) {
        Change change = change(reason);
        return retrying(() -> tx.revokeCascade(required(id), change));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public RevokePlan planRevoke(UUID id, boolean cascade) {
        return retrying(() -> tx.planRevoke(required(id), cascade));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public Lineage lineage(UUID id) {
        return lineages.lineage(required(id));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
    public List<ApprovalView> approvals(ApprovalState state, int limit) {
        return approvals.list(state, limit);
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
    public ApprovalView approval(long id) {
        return approvals.get(id);
    }

    @Override
    @RolesAllowed(Roles.APPROVER)
    public ApprovalView approve(long id, String reason) {
        Change decision = change(reason);
        ApprovalView approved = retrying(() -> tx.approve(id, decision, NodeName.CURRENT, runner.lease()));
        if (approved.kind() == ApprovalKind.BULK) {
            JobView job = jobs.get(approved.jobId());
            runner.start(job.id(), job.ratePerSecond());
        }
        LOG.infof("Approval %d (%s of %s) approved by %s: %s", id, approved.kind(), approved.requestedBy(),
                decision.actor(), decision.reason());
        return approved;
    }

    @Override
    @RolesAllowed(Roles.APPROVER)
    public ApprovalView reject(long id, String reason) {
        Change decision = change(reason);
        ApprovalView rejected = retrying(() -> tx.reject(id, decision));
        LOG.infof("Approval %d (%s of %s) rejected by %s: %s", id, rejected.kind(), rejected.requestedBy(),
                decision.actor(), decision.reason());
        return rejected;
    }

    @Override
    @RolesAllowed(Roles.OPERATOR)
    public EntryView edit(UUID id, EditRequest request, String reason) {
        Change change = change(reason);
        return retrying(() -> tx.edit(required(id), request, change));
    }

    @Override
    @RolesAllowed(Roles.OPERATOR)
    public RehearsalResult rehearse(UUID id, String body, String reason) {
        Change change = change(reason);
        UUID entry = required(id);
        if (body != null && body.length() > LedgerEntry.MAX_BODY) {
            throw new InvalidRequestException("the body has more than " + LedgerEntry.MAX_BODY + " characters");
        }
        RehearsalResult result = rehearsals.rehearse(entry, body);
        // The audit row commits on its own: the rehearsal's transaction has rolled back.
        retrying(() -> tx.noteRehearsal(entry, change.as("rehearsal " + result.outcome()
                + (result.errorClass() == null ? "" : " (" + result.errorClass() + ")")
                + (result.editedBody() ? " of a proposed body" : "") + ", " + result.micros() / 1000 + " ms")));
        return result;
    }

    @Override
    @RolesAllowed(Roles.OPERATOR)
    public EntryView hold(UUID id, boolean hold, String reason) {
        Change change = change(reason);
        return retrying(() -> tx.hold(required(id), hold, change));
    }

    @Override
    @RolesAllowed({Roles.OPERATOR, Roles.SENDER})
    public EntryView send(SendRequest request, String reason) {
        if (request == null || request.type() == null) {
            throw new InvalidRequestException("a request with a type is required");
        }
        Change change = change(reason);
        return retrying(() -> tx.send(request, change));
    }

    @Override
    @RolesAllowed(Roles.OPERATOR)
    public JobView startBulk(BulkRequest request) {
        if (request == null) {
            throw new InvalidRequestException("a request is required");
        }
        request.validated();
        Change change = change(request.reason());
        if (request.dryRun()) {
            return jobs.dryRun(request, change.actor());
        }
        JobView job = tx.startBulk(request, change, NodeName.CURRENT, runner.lease());
        if (job.state() == JobState.RUNNING) {
            runner.start(job.id(), job.ratePerSecond());
        }
        return job;
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public JobView job(long id) {
        return withApproval(jobs.get(id));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public Page<JobView> jobs(JobState state, String cursor, int limit) {
        Page<JobView> page = jobs.page(state, cursor, limit);
        return new Page<>(page.items().stream().map(this::withApproval).toList(), page.nextCursor());
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public List<RehearsalGroup> rehearsalReport(long jobId) {
        return reports.report(jobId);
    }

    @Override
    @RolesAllowed(Roles.OPERATOR)
    public JobView cancelJob(long id, String reason) {
        Change change = change(reason);
        JobView job = retrying(() -> tx.cancelJob(id, change));
        LOG.infof("Bulk job %d cancelled by %s: %s", id, change.actor(), change.reason());
        return withApproval(job);
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public EntryView entry(UUID id) {
        return queries.find(required(id)).orElseThrow(() -> new UnknownMessageException(id));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public Page<EntrySummary> entries(EntryFilter filter, String cursor, int limit) {
        return queries.page(filter == null ? EntryFilter.ALL : filter, cursor, limit);
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public LedgerStats stats() {
        return queries.stats();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public List<FailureGroup> failureGroups() {
        return queries.failureGroups(100);
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public List<NodeView> nodes() {
        return nodes.nodes();
    }

    /** A job the approval policy held back shows its request. */
    private JobView withApproval(JobView job) {
        if (job.state() != JobState.AWAITING_APPROVAL && job.state() != JobState.REJECTED) {
            return job;
        }
        return approvals.forJob(job.id()).map(job::withApproval).orElse(job);
    }

    private Change change(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("a reason is required: it is recorded in the message's history");
        }
        if (reason.length() > RewindOperations.MAX_REASON) {
            throw new InvalidRequestException("the reason is longer than " + RewindOperations.MAX_REASON + " characters");
        }
        return Change.by(caller.getCallerPrincipal().getName(), reason.strip());
    }

    private static UUID required(UUID id) {
        if (id == null) {
            throw new InvalidRequestException("a message id is required");
        }
        return id;
    }

    private static <T> T retrying(Supplier<T> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (EJBException e) {
                if (attempt >= ATTEMPTS || !DatabaseFailure.isConflict(e)) {
                    throw e;
                }
                LOG.debugf("Retrying after a conflict (attempt %d): %s", attempt, e);
            }
        }
    }
}
