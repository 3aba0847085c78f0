package dev.rewind.rest;

import dev.rewind.api.NodeView;
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

/** The Rewind servers sharing the ledger: which are running, and which one answered. */
@Path("/nodes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
@Tag(name = "nodes", description = "The servers sharing the ledger")
public class NodesResource {

    @Inject
    Rewind rewind;

    @GET
    @Operation(summary = "Registered nodes by name: host, start, last heartbeat, live, self")
    public List<NodeView> nodes() {
        return rewind.nodes();
    }
}
