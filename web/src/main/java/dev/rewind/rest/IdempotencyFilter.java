package dev.rewind.rest;

import dev.rewind.idempotency.IdempotencyKeys;
import dev.rewind.idempotency.IdempotentRequest;
import jakarta.annotation.Priority;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for the mutating requests (POST, PUT): the first request with a key runs
 * and its answer is kept; a repeat with the same key and the same request gets that answer again
 * (with {@code Idempotency-Replayed: true}) and does nothing; the same key with another request is
 * a 422; a repeat while the first still runs is a 409. Keys belong to the user who sent them.
 * Runs after authorization, so a refused request claims no key.
 */
@Provider
@Priority(Priorities.USER + 100)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";

    @Inject
    IdempotencyKeys keys;

    private final Jsonb json = new JsonbSettings().getContext(Object.class);

    private record Claim(String actor, String key) {
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !(HttpMethod.POST.equals(request.getMethod()) || HttpMethod.PUT.equals(request.getMethod()))) {
            return;
        }
        if (!KEY.matcher(key).matches()) {
            request.abortWith(Problem.badRequest(HEADER + " must be 1 to 200 visible ASCII characters").getResponse());
            return;
        }
        Principal user = request.getSecurityContext().getUserPrincipal();
        String actor = user == null ? "anonymous" : user.getName();
        byte[] body = readLimited(request.getEntityStream());
        request.setEntityStream(new ByteArrayInputStream(body));
        String hash = IdempotencyKeys.sha256(request.getMethod().getBytes(StandardCharsets.UTF_8),
                request.getUriInfo().getPath().getBytes(StandardCharsets.UTF_8), body);
        try {
            keys.claim(actor, key, hash);
            request.setProperty(CLAIM, new Claim(actor, key));
            return;
        } catch (EJBException | IllegalStateException claimedAlready) {
            // read below
        }
        Optional<IdempotentRequest> first = keys.find(actor, key);
        if (first.isEmpty()) {
            request.abortWith(conflict("the request with this " + HEADER + " ended meanwhile; send it again"));
        } else if (!first.get().requestHash().equals(hash)) {
            request.abortWith(new Problem("urn:rewind:problem:idempotency-key-reused", "Idempotency key reused", 422,
                    "this " + HEADER + " was used for another request; use a new key for a new request",
                    java.util.List.of()).response());
        } else if (!first.get().answered()) {
            request.abortWith(conflict("the first request with this " + HEADER + " has not answered yet; ask again later"));
        } else {
            IdempotentRequest answered = first.get();
            Response.ResponseBuilder replay = Response.status(answered.status()).header("Idempotency-Replayed", "true")
                    .entity(answered.body());
            if (answered.contentType() != null) {
                replay.type(answered.contentType());
            }
            if (answered.location() != null) {
                replay.header("Location", answered.location());
            }
            request.abortWith(replay.build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return;
        }
        if (response.getStatus() >= 500) {
            keys.release(claim.actor(), claim.key());
            return;
        }
        Object entity = response.getEntity();
        String body = entity == null ? null : entity instanceof String text ? text : json.toJson(entity);
        if (body != null && body.length() > IdempotentRequest.MAX_BODY) {
            body = null; // still answered: a repeat gets the status and Location, and does nothing
        }
        String type = response.getMediaType() == null ? null : response.getMediaType().toString();
        String location = response.getLocation() == null ? null : response.getLocation().toString();
        keys.answer(claim.actor(), claim.key(), response.getStatus(), type, location, body);
    }

    private static Response conflict(String detail) {
        return new Problem("urn:rewind:problem:idempotency-key-in-use", "Idempotency key in use", 409, detail,
                java.util.List.of()).response();
    }

    /** The body, read once; past the API's limit the rest is left for the size check to refuse. */
    private static byte[] readLimited(InputStream in) throws IOException {
        return in.readNBytes(RequestSizeLimit.MAX_BYTES + 1);
    }
}
