package dev.rewind.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document. Thrown as a {@link WebApplicationException} so a resource can
 * stop with a precise answer and no stack trace reaches the client.
 */
public record Problem(String type, String title, int status, String detail) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    public static WebApplicationException of(Response.Status status, String title, String detail) {
        Problem problem = new Problem("about:blank", title, status.getStatusCode(), detail);
        return new WebApplicationException(detail,
                Response.status(status).type(MEDIA_TYPE).entity(problem).build());
    }

    public static WebApplicationException badRequest(String detail) {
        return of(Response.Status.BAD_REQUEST, "Invalid request", detail);
    }

    public static WebApplicationException notFound(String detail) {
        return of(Response.Status.NOT_FOUND, "Not found", detail);
    }
}
