package dev.rewind.example.web;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** The example's errors, in the shape of Rewind's own (application/problem+json). */
final class Problems {

    private Problems() {
    }

    static WebApplicationException notFound(String detail) {
        return problem(Response.Status.NOT_FOUND, "Not found", detail);
    }

    static WebApplicationException badRequest(String detail) {
        return problem(Response.Status.BAD_REQUEST, "Invalid request", detail);
    }

    private static WebApplicationException problem(Response.Status status, String title, String detail) {
        String body = Json.createObjectBuilder().add("title", title).add("status", status.getStatusCode())
                .add("detail", detail).build().toString();
        return new WebApplicationException(Response.status(status).type("application/problem+json").entity(body).build());
    }
}
