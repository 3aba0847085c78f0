package dev.rewind.rest;

import dev.rewind.api.ApprovalView;
import dev.rewind.api.Lineage;
import dev.rewind.api.RevokePlan;
import dev.rewind.api.EditRequest;
import dev.rewind.api.EntryFilter;
import dev.rewind.api.EntrySummary;
import dev.rewind.api.EntryView;
import dev.rewind.api.RehearsalResult;
import dev.rewind.api.Page;
import dev.rewind.api.Rewind;
import dev.rewind.api.Roles;
import dev.rewind.query.EntryQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ledger: list and inspect entries, replay and revoke one. */
@Path("/entries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "entries", description = "The message ledger")
@APIResponse(responseCode = "400", description = "Invalid parameters (application/problem+json)")
@APIResponse(responseCode = "401", description = "Not logged in")
public class EntriesResource {

    @Inject
    Rewind rewind;

    @Inject
    RequestValidator validator;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "Entries matching a filter, newest first, one page at a time",
            description = "Keyset pagination: pass nextCursor back as cursor. Roles: rewind-viewer or rewind-operator.")
    public Page<EntrySummary> list(
            @Parameter(description = "Exact status") @QueryParam("status") String status,
            @Parameter(description = "Exact JMSType") @QueryParam("type") String type,
            @Parameter(description = "Exact queue name") @QueryParam("destination") String destination,
            @Parameter(description = "Created at or after (ISO-8601)") @QueryParam("createdFrom") String createdFrom,
            @Parameter(description = "Created before (ISO-8601)") @QueryParam("createdTo") String createdTo,
            @Parameter(description = "Case-insensitive text in the last error") @QueryParam("errorText") String errorText,
            @Parameter(description = "Exact exception class of the last error (a failure group's errorClass)")
            @QueryParam("errorClass") String errorClass,
            @Parameter(description = "Only entries a REHEARSE job (this id) found would succeed")
            @QueryParam("wouldSucceedIn") String wouldSucceedIn,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        if (errorText != null && errorText.length() > EntryFilter.MAX_TEXT) {
            throw Problem.badRequest("errorText is longer than " + EntryFilter.MAX_TEXT + " characters");
        }
        EntryFilter filter = new EntryFilter(Params.status(status), Params.name("type", type),
                Params.name("destination", destination), Params.instant("createdFrom", createdFrom),
                Params.instant("createdTo", createdTo), errorText == null || errorText.isEmpty() ? null : errorText,
                Params.className("errorClass", errorClass), Params.jobId("wouldSucceedIn", wouldSucceedIn));
        return rewind.entries(filter, cursor == null || cursor.isEmpty() ? null : cursor,
                Params.limit(limit, 50, EntryQueries.MAX_LIMIT));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "One entry with its body, properties, attempts (its lineage: deliveries, replays,"
            + " compensations) and history")
    @APIResponse(responseCode = "404", description = "No such entry")
    public EntryView one(@PathParam("id") String id) {
        return rewind.entry(Params.id(id));
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Replay one message (FAILED; PROCESSED needs force)", description = "Role: rewind-operator.")
    @APIResponse(responseCode = "200", description = "The entry, now REPLAYING")
    @APIResponse(responseCode = "202", description = "A forced replay the approval policy holds back: the entry, unchanged,"
            + " with its pendingApproval; Location is the approval request")
    @APIResponse(responseCode = "403", description = "Not an operator")
    @APIResponse(responseCode = "404", description = "No such entry")
    @APIResponse(responseCode = "409", description = "Its state does not allow a replay")
    public Response replay(@PathParam("id") String id, Requests.Replay request, @Context UriInfo uri) {
        validator.check(request);
        return heldOrDone(rewind.replay(Params.id(id), request.reason(), request.target(),
                Boolean.TRUE.equals(request.force())), uri);
    }

    /** 202 with the approval's Location when the approval policy held the request back; 200 otherwise. */
    private static Response heldOrDone(EntryView entry, UriInfo uri) {
        if (entry.pendingApproval() == null) {
            return Response.ok(entry).build();
        }
        return Response.accepted(entry).location(approvalUri(entry.pendingApproval(), uri)).build();
    }

    static java.net.URI approvalUri(ApprovalView approval, UriInfo uri) {
        return uri.getBaseUriBuilder().path("approvals").path(Long.toString(approval.id())).build();
    }

    @POST
    @Path("/{id}/edit")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Edit and retry: run a corrected message instead of one that has not taken effect",
            description = "For a FAILED, PENDING (a delayed send included) or REPLAYING entry. The corrected body is"
                    + " read as the handler's payload first (400 otherwise, nothing changed). The original becomes"
                    + " SUPERSEDED and its message is withdrawn; the new entry (rewindEditOf = the original) is sent"
                    + " to rewind.inbound. Role: rewind-operator.")
    @APIResponse(responseCode = "201", description = "The new entry, PENDING; Location is its URL")
    @APIResponse(responseCode = "400", description = "Nothing to change, or a body the handler cannot read")
    @APIResponse(responseCode = "404", description = "No such entry")
    @APIResponse(responseCode = "409", description = "It ran (PROCESSED: revoke it), was taken back, or edited already")
    public Response edit(@PathParam("id") String id, Requests.Edit request, @Context UriInfo uri) {
        validator.check(request);
        EntryView edit = rewind.edit(Params.id(id), new EditRequest(Requests.payload(request.body()),
                request.properties()), request.reason());
        return Response.created(uri.getBaseUriBuilder().path("entries").path(edit.id().toString()).build())
                .entity(edit).build();
    }

    @POST
    @Path("/{id}/rehearse")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Rehearsal: would the handler succeed on this message (or on a proposed body)?",
            description = "Runs the handler in a transaction that is always rolled back: nothing changes but a history"
                    + " row. Only for handlers marked @Rehearsable. Role: rewind-operator.")
    @APIResponse(responseCode = "200", description = "WOULD_SUCCEED or WOULD_FAIL, with the error and the time")
    @APIResponse(responseCode = "404", description = "No such entry")
    @APIResponse(responseCode = "409", description = "The handler is not rehearsable, or there is no body to run")
    public RehearsalResult rehearse(@PathParam("id") String id, Requests.Rehearse request) {
        validator.check(request);
        return rewind.rehearse(Params.id(id), Requests.payload(request.body()), request.reason());
    }

    @PUT
    @Path("/{id}/hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Place or lift a hold: retention never purges a held entry", description = "Role: rewind-operator.")
    @APIResponse(responseCode = "200", description = "The entry with its hold")
    @APIResponse(responseCode = "404", description = "No such entry")
    public EntryView hold(@PathParam("id") String id, Requests.Hold request) {
        validator.check(request);
        return rewind.hold(Params.id(id), request.hold(), request.reason());
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Revoke a message: withdraw it if its handler has not run, compensate it if it has;"
            + " with cascade, everything it caused first",
            description = "An unknown id leaves a tombstone (not with cascade). With \"cascade\":true the answer is the plan"
                    + " as carried out: every message the entry caused (and theirs), deepest first, each withdrawn or"
                    + " compensated, a compensation only after those of what its message caused. With \"dryRun\":true"
                    + " the plan only, nothing changed. Role: rewind-operator.")
    @APIResponse(responseCode = "200", description = "The entry, now REVOKED or REVOKING; with cascade or dryRun, the plan")
    @APIResponse(responseCode = "202", description = "A compensation the approval policy holds back: the entry (or the"
            + " plan) with its approval request; Location is the request")
    @APIResponse(responseCode = "403", description = "Not an operator")
    @APIResponse(responseCode = "404", description = "No such entry (with cascade or dryRun)")
    @APIResponse(responseCode = "409", description = "Already revoked, or it (or a message it caused, named) cannot be"
            + " revoked; or the lineage is too large")
    public Response revoke(@PathParam("id") String id, Requests.Revoke request, @Context UriInfo uri) {
        validator.check(request);
        UUID entry = Params.id(id);
        boolean cascade = Boolean.TRUE.equals(request.cascade());
        if (Boolean.TRUE.equals(request.dryRun())) {
            return Response.ok(rewind.planRevoke(entry, cascade)).build();
        }
        if (!cascade) {
            return heldOrDone(rewind.revoke(entry, request.reason()), uri);
        }
        RevokePlan plan = rewind.revokeCascade(entry, request.reason());
        return plan.approval() == null ? Response.ok(plan).build()
                : Response.accepted(plan).location(approvalUri(plan.approval(), uri)).build();
    }

    @GET
    @Path("/{id}/lineage")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "The causal tree around a message: its causes up to the root, what it caused down to the leaves",
            description = "Each node with its status, replays, compensations and edits. Roles: rewind-viewer or"
                    + " rewind-operator.")
    @APIResponse(responseCode = "200", description = "The lineage")
    @APIResponse(responseCode = "404", description = "No such entry")
    @APIResponse(responseCode = "409", description = "Deeper than " + Lineage.MAX_DEPTH + " levels, a message that caused more than "
            + Lineage.MAX_CHILDREN + ", or more than " + Lineage.MAX_NODES + " messages: the problem names where")
    public Lineage lineage(@PathParam("id") String id) {
        return rewind.lineage(Params.id(id));
    }
}
