package dev.rewind.rest;

import dev.rewind.api.BulkRequest;
import dev.rewind.api.JobView;
import dev.rewind.api.Page;
import dev.rewind.api.RehearsalGroup;
import dev.rewind.api.Rewind;
import dev.rewind.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bulk replay, revoke and rehearsal by filter. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs", description = "Bulk replay, revoke and rehearsal")
public class JobsResource {

    @Inject
    Rewind rewind;

    @Inject
    RequestValidator validator;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Start a bulk replay, revoke or rehearsal, or its dry run",
            description = "A dry run answers 200 with the count and a sample and changes nothing; a job answers"
                    + " 202 with its Location. Role: rewind-operator.")
    @APIResponse(responseCode = "200", description = "Dry run: count and sample")
    @APIResponse(responseCode = "202", description = "Started; follow Location for progress")
    @APIResponse(responseCode = "400", description = "Invalid request (application/problem+json)")
    public Response start(Requests.Job body, @Context UriInfo uri) {
        validator.check(body);
        BulkRequest request = new BulkRequest(body.kind(), body.filter().toFilter(),
                body.reason(), Boolean.TRUE.equals(body.force()), body.target(),
                body.ratePerSecond() == null ? 0 : body.ratePerSecond(),
                body.chunkSize() == null ? 0 : body.chunkSize(), Boolean.TRUE.equals(body.dryRun()));
        JobView job = rewind.startBulk(request);
        if (job.dryRun()) {
            return Response.ok(job).build();
        }
        return Response.accepted(job).location(uri.getBaseUriBuilder().path("jobs").path(job.id().toString()).build())
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "Jobs, newest first, one page at a time",
            description = "Keyset pagination: pass nextCursor back as cursor. Roles: rewind-viewer or rewind-operator.")
    public Page<JobView> list(
            @Parameter(description = "RUNNING, COMPLETED, CANCELLED or FAILED (all if absent)") @QueryParam("state")
            String state,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)") @QueryParam("limit") String limit) {
        return rewind.jobs(Params.jobState(state), cursor == null || cursor.isEmpty() ? null : cursor, Params.limit(limit, 20, 100));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "A job's state and progress (total, done, skipped, failed)")
    @APIResponse(responseCode = "404", description = "No such job")
    public JobView one(@PathParam("id") String id) {
        return rewind.job(Params.jobId(id));
    }

    @GET
    @Path("/{id}/rehearsal")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "What a REHEARSE job found: entries by outcome and error class, with counts and samples",
            description = "Replay the ones that would succeed with a job whose filter has wouldSucceedIn = this id.")
    @APIResponse(responseCode = "400", description = "The job is not a REHEARSE job")
    @APIResponse(responseCode = "404", description = "No such job")
    public List<RehearsalGroup> rehearsal(@PathParam("id") String id) {
        return rewind.rehearsalReport(Params.jobId(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Stop a running job after its current chunk", description = "Role: rewind-operator.")
    @APIResponse(responseCode = "404", description = "No such job")
    public JobView cancel(@PathParam("id") String id, Requests.Reason body) {
        validator.check(body);
        return rewind.cancelJob(Params.jobId(id), body.reason());
    }
}
