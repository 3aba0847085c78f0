package dev.rewind.rest;

import dev.rewind.api.ApprovalView;
import dev.rewind.api.Rewind;
import dev.rewind.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Four eyes: the requests the approval policy holds back, and their decisions. */
@Path("/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "approvals", description = "Requests waiting for a second person's approval (four eyes)")
public class ApprovalsResource {

    @Inject
    Rewind rewind;

    @Inject
    RequestValidator validator;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
    @Operation(summary = "Approval requests, oldest first (the waiting ones unless a state is given)",
            description = "Roles: rewind-viewer, rewind-operator or rewind-approver.")
    public List<ApprovalView> list(
            @Parameter(description = "AWAITING_APPROVAL (default), APPROVED, REJECTED, EXPIRED or ALL") @QueryParam("state")
            String state,
            @Parameter(description = "At most this many, 1 to 100 (default 100)") @QueryParam("limit") String limit) {
        return rewind.approvals(Params.approvalState(state), Params.limit(limit, 100, 100));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
    @Operation(summary = "One approval request", description = "Roles: rewind-viewer, rewind-operator or rewind-approver.")
    @APIResponse(responseCode = "404", description = "No such request")
    public ApprovalView get(@PathParam("id") String id) {
        return rewind.approval(Params.approvalId(id));
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Approve a waiting request: it is carried out now, as its requester asked",
            description = "Never by the requester. If what it asks is no longer possible (the entry changed), nothing"
                    + " changes and it keeps waiting. Role: rewind-approver.")
    @APIResponse(responseCode = "200", description = "APPROVED; the replay, revoke or job has started")
    @APIResponse(responseCode = "403", description = "Not an approver, or the requester")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Decided already, expired, or no longer possible")
    public ApprovalView approve(@PathParam("id") String id, Requests.Decision decision) {
        validator.check(decision);
        return rewind.approve(Params.approvalId(id), decision.reason());
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Reject a waiting request: it never runs", description = "Never by the requester. Role: rewind-approver.")
    @APIResponse(responseCode = "200", description = "REJECTED")
    @APIResponse(responseCode = "403", description = "Not an approver, or the requester")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Decided already, or expired")
    public ApprovalView reject(@PathParam("id") String id, Requests.Decision decision) {
        validator.check(decision);
        return rewind.reject(Params.approvalId(id), decision.reason());
    }
}
