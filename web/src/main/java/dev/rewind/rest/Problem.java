package dev.rewind.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error this API returns.
 *
 * @param type       a URN naming the kind of problem, e.g. {@code urn:rewind:problem:illegal-transition}
 * @param title      the kind of problem in words, the same for every occurrence
 * @param status     the HTTP status
 * @param detail     what went wrong with this request, for a person to act on
 * @param violations the invalid fields, for validation problems; empty otherwise
 */
public record Problem(String type, String title, int status, String detail, List<String> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(Response.Status status, String kind, String title, String detail) {
        return new Problem("urn:rewind:problem:" + kind, title, status.getStatusCode(), detail, List.of());
    }

    public Response response() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }

    /** Stops a resource method with this problem. */
    public WebApplicationException exception() {
        return new WebApplicationException(detail, response());
    }

    public static WebApplicationException badRequest(String detail) {
        return of(Response.Status.BAD_REQUEST, "invalid-request", "Invalid request", detail).exception();
    }

    public static WebApplicationException notFound(String detail) {
        return of(Response.Status.NOT_FOUND, "not-found", "Not found", detail).exception();
    }
}
