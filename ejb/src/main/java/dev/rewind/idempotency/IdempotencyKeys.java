package dev.rewind.idempotency;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The admin API's idempotency keys, each step in a transaction of its own: a key is claimed
 * (inserted) before its request runs, so of two concurrent requests with one key only one runs;
 * the answer is stored after. Keys are kept {@code rewind.idempotency.hours} (24) hours.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "rewind.idempotency.hours", defaultValue = "24")
    int hours;

    /** The key's record, if one is kept; an expired one counts as absent. */
    public Optional<IdempotentRequest> find(String actor, String key) {
        IdempotentRequest found = em.find(IdempotentRequest.class, id(actor, key));
        if (found == null || expired(found)) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /**
     * Claims the key for a request with this hash. Fails (the transaction rolls back on a duplicate
     * key) when a concurrent request claimed it first; the caller then reads it with {@link #find}.
     */
    public void claim(String actor, String key, String requestHash) {
        String id = id(actor, key);
        IdempotentRequest old = em.find(IdempotentRequest.class, id);
        if (old != null) {
            if (!expired(old)) {
                throw new IllegalStateException("idempotency key claimed already");
            }
            em.remove(old);
            em.flush();
        }
        em.persist(new IdempotentRequest(id, actor, key, requestHash, Instant.now()));
        em.flush();
    }

    /** Stores the answer of the claimed key's request. */
    public void answer(String actor, String key, int status, String contentType, String location, String body) {
        IdempotentRequest claimed = em.find(IdempotentRequest.class, id(actor, key));
        if (claimed != null) {
            claimed.answer(status, contentType, location, body);
        }
    }

    /** Gives the key up (its request failed on the server): a repeat may run again. */
    public void release(String actor, String key) {
        IdempotentRequest claimed = em.find(IdempotentRequest.class, id(actor, key));
        if (claimed != null && !claimed.answered()) {
            em.remove(claimed);
        }
    }

    @Schedule(hour = "*", minute = "*/10", persistent = false, info = "rewind idempotency keys")
    void purgeExpired() {
        int purged = em.createQuery("delete from IdempotentRequest r where r.createdAt < :cutoff")
                .setParameter("cutoff", cutoff()).executeUpdate();
        if (purged > 0) {
            LOG.debugf("Purged %d expired idempotency keys", purged);
        }
    }

    private boolean expired(IdempotentRequest request) {
        return request.createdAt().isBefore(cutoff());
    }

    private Instant cutoff() {
        return Instant.now().minus(Duration.ofHours(Math.max(1, hours)));
    }

    /** SHA-256 of the text, in hex. */
    public static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String id(String actor, String key) {
        return sha256(actor.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8));
    }
}
