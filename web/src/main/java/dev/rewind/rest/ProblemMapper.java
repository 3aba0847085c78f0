package dev.rewind.rest;

import dev.rewind.api.ApprovalDeniedException;
import dev.rewind.api.IllegalTransitionException;
import dev.rewind.api.InvalidRequestException;
import dev.rewind.api.RefusedException;
import dev.rewind.api.UnknownApprovalException;
import dev.rewind.api.UnknownJobException;
import dev.rewind.api.UnknownMessageException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Every error of the API as {@code application/problem+json}: Rewind's own exceptions by meaning,
 * the framework's by status, and anything unexpected as a 500 whose detail is only an incident id
 * (the exception goes to the server log, never to the client).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Throwable thrown) {
        return problem(thrown).response();
    }

    static Problem problem(Throwable thrown) {
        if (thrown instanceof WebApplicationException web) {
            return fromWeb(web);
        }
        if (thrown instanceof EJBAccessException) {
            return Problem.of(Status.FORBIDDEN, "forbidden", "Forbidden", "your role does not allow this operation");
        }
        if (thrown instanceof EJBException ejb && ejb.getCause() != null) {
            return problem(ejb.getCause());
        }
        if (thrown instanceof ConstraintViolationException invalid) {
            var violations = invalid.getConstraintViolations().stream()
                    .map(v -> field(v.getPropertyPath().toString()) + " " + v.getMessage())
                    .distinct().sorted().toList();
            return new Problem("urn:rewind:problem:invalid-request", "Invalid request", 400,
                    String.join("; ", violations), violations);
        }
        if (thrown instanceof InvalidRequestException invalid) {
            return Problem.of(Status.BAD_REQUEST, "invalid-request", "Invalid request", invalid.getMessage());
        }
        if (thrown instanceof ApprovalDeniedException denied) {
            return Problem.of(Status.FORBIDDEN, "forbidden", "Forbidden", denied.getMessage());
        }
        if (thrown instanceof UnknownMessageException || thrown instanceof UnknownJobException
                || thrown instanceof UnknownApprovalException) {
            return Problem.of(Status.NOT_FOUND, "not-found", "Not found", thrown.getMessage());
        }
        if (thrown instanceof IllegalTransitionException illegal) {
            return Problem.of(Status.CONFLICT, "illegal-transition", "Illegal transition", illegal.getMessage());
        }
        if (thrown instanceof RefusedException refused) {
            return Problem.of(Status.CONFLICT, "refused", "Refused", refused.getMessage());
        }
        if (thrown instanceof ProcessingException || thrown instanceof JsonbException) {
            return malformed(thrown);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(thrown, "Unexpected error, incident %s", incident);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request failed on the server; the log has the details under incident " + incident);
    }

    private static Problem fromWeb(WebApplicationException web) {
        Response response = web.getResponse();
        if (response != null && response.getEntity() instanceof Problem problem) {
            return problem;
        }
        if (web.getCause() instanceof ProcessingException || web.getCause() instanceof JsonbException) {
            return malformed(web.getCause());
        }
        if (web instanceof NotFoundException) {
            return Problem.of(Status.NOT_FOUND, "not-found", "Not found", "there is no such resource");
        }
        if (web instanceof NotAllowedException) {
            return Problem.of(Status.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                    "this resource does not accept that method");
        }
        if (web instanceof NotSupportedException) {
            return Problem.of(Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                    "send the request body as application/json");
        }
        if (web instanceof NotAcceptableException) {
            return Problem.of(Status.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                    "this resource answers application/json");
        }
        if (web instanceof ForbiddenException) {
            return Problem.of(Status.FORBIDDEN, "forbidden", "Forbidden", "your role does not allow this operation");
        }
        if (web instanceof NotAuthorizedException) {
            return Problem.of(Status.UNAUTHORIZED, "unauthorized", "Unauthorized", "log in with HTTP Basic");
        }
        int status = response == null ? 500 : response.getStatus();
        if (status == 413) {
            return new Problem("urn:rewind:problem:too-large", "Request too large", 413, web.getMessage(), java.util.List.of());
        }
        if (status >= 400 && status < 500) {
            return new Problem("urn:rewind:problem:invalid-request", "Invalid request", status,
                    "the request cannot be processed as sent", java.util.List.of());
        }
        return problem(new IllegalStateException("HTTP " + status, web));
    }

    private static Problem malformed(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimit.TooLargeException tooLarge) {
                return new Problem("urn:rewind:problem:too-large", "Request too large", 413, tooLarge.getMessage(),
                        java.util.List.of());
            }
        }
        return Problem.of(Status.BAD_REQUEST, "malformed-body", "Malformed request body",
                "the body is not JSON of the shape this endpoint takes (unknown fields and wrong types are refused;"
                        + " see /openapi)");
    }

    /** "replay.arg1.reason" (method, parameter, field) as just "reason". */
    private static String field(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
