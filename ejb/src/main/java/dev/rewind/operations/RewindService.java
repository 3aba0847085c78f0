package dev.rewind.operations;

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
@DeclareRoles({Roles.VIEWER, Roles.OPERATOR, Roles.SENDER})
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
        String actor = change(request.reason()).actor();
        if (request.dryRun()) {
            return jobs.dryRun(request, actor);
        }
        JobView job = jobs.create(request, actor, NodeName.CURRENT, runner.lease());
        runner.start(job.id(), job.ratePerSecond());
        return job;
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public JobView job(long id) {
        return jobs.get(id);
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public Page<JobView> jobs(JobState state, String cursor, int limit) {
        return jobs.page(state, cursor, limit);
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
        JobView job = jobs.cancel(id);
        LOG.infof("Bulk job %d cancelled by %s: %s", id, change.actor(), change.reason());
        return job;
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
