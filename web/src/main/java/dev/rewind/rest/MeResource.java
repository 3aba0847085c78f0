package dev.rewind.rest;

import dev.rewind.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who is calling: the console logs in with it and shows a viewer no action it would be refused. The
 * server still checks every call; this only saves a person from buttons that cannot work.
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.SENDER, Roles.APPROVER})
@Tag(name = "me", description = "The caller")
public class MeResource {

    /** The caller's name and which of Rewind's roles it has. */
    public record Caller(String name, List<String> roles) {
    }

    @GET
    @Operation(summary = "The caller's name and Rewind roles")
    public Caller me(@Context SecurityContext security) {
        List<String> roles = Stream.of(Roles.VIEWER, Roles.OPERATOR, Roles.SENDER, Roles.APPROVER)
                .filter(security::isUserInRole).toList();
        return new Caller(security.getUserPrincipal().getName(), roles);
    }
}
