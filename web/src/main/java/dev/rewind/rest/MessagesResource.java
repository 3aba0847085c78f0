package dev.rewind.rest;

import dev.rewind.api.EntryView;
import dev.rewind.api.Rewind;
import dev.rewind.api.Roles;
import dev.rewind.api.SendRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sending a message through Rewind: the ledger knows it before any consumer does. */
@Path("/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "messages", description = "Send through Rewind")
public class MessagesResource {

    @Inject
    Rewind rewind;

    @Inject
    RequestValidator validator;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.SENDER})
    @Operation(summary = "Send a message to rewind.inbound with its PENDING entry, optionally delayed",
            description = "Roles: rewind-operator or rewind-sender.")
    @APIResponse(responseCode = "201", description = "Sent; Location is its entry")
    @APIResponse(responseCode = "409", description = "The id is in the ledger already")
    public Response send(Requests.Send body, @Context UriInfo uri) {
        validator.check(body);
        String json = body.body() instanceof JsonString text ? text.getString() : body.body().toString();
        if (body.body() == JsonValue.NULL) {
            throw Problem.badRequest("body must be the message's JSON payload, not null");
        }
        EntryView entry = rewind.send(new SendRequest(body.id(), body.type(), json,
                body.properties() == null ? Map.of() : body.properties(),
                body.delayMs() == null ? 0 : body.delayMs()), body.reason());
        return Response.created(uri.getBaseUriBuilder().path("entries").path(entry.id().toString()).build())
                .entity(entry).build();
    }
}
