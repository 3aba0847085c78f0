package dev.rewind.rest;

import dev.rewind.api.FailureGroup;
import dev.rewind.api.LedgerStats;
import dev.rewind.api.Rewind;
import dev.rewind.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What an operator looks at first: how many of what, and what is failing. */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
@Tag(name = "stats", description = "Counts and failure groups")
public class StatsResource {

    @Inject
    Rewind rewind;

    @GET
    @Operation(summary = "Entries by status, and by type and status")
    public LedgerStats counts() {
        return rewind.stats();
    }

    @GET
    @Path("/failures")
    @Operation(summary = "FAILED entries grouped by type and error class, largest group first")
    public List<FailureGroup> failures() {
        return rewind.failureGroups();
    }
}
