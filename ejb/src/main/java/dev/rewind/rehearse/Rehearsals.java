package dev.rewind.rehearse;

import dev.rewind.api.RefusedException;
import dev.rewind.api.RehearsalOutcome;
import dev.rewind.api.RehearsalResult;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.failure.Errors;
import dev.rewind.handling.HandlerRegistry;
import dev.rewind.handling.PayloadReader;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.lineage.CausedSends;
import dev.rewind.message.PropertiesJson;
import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageHandler;
import dev.rewind.spi.Rehearsable;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/**
 * Runs a handler on a message in a transaction of its own that is marked for rollback as soon as the handler
 * returns or throws (not before: a transaction marked for rollback accepts no new resource, so the handler
 * could not even reach its database), so whatever it did in the transaction's resources is undone. The
 * handler must be {@link Rehearsable}: its promise that it does nothing outside them.
 *
 * <p>What a rehearsal cannot see: a failure that would only show when the handler's own persistence context
 * is flushed at commit (a handler that wants those found flushes itself), and anything that depends on
 * timing (a concurrent change of the same rows).
 */
@Stateless
public class Rehearsals {

    @Resource
    SessionContext context;

    @Inject
    CausedSends followUps;

    @Inject
    HandlerRegistry handlers;

    @Inject
    PayloadReader payloads;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    /** The rehearsal itself; its transaction always rolls back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public RehearsalResult rehearse(UUID id, String proposedBody) {
        try {
            return run(id, proposedBody);
        } finally {
            context.setRollbackOnly();
        }
    }

    private RehearsalResult run(UUID id, String proposedBody) {
        LedgerEntry entry = em.find(LedgerEntry.class, id);
        if (entry == null) {
            throw new UnknownMessageException(id);
        }
        MessageHandler<?> handler = handler(entry, proposedBody);
        String body = proposedBody != null ? proposedBody : entry.body();
        boolean edited = proposedBody != null;
        long start = System.nanoTime();
        Object payload;
        try {
            payload = payloads.read(body, handler.payloadType());
        } catch (PayloadReader.UnreadablePayloadException e) {
            return new RehearsalResult(id, RehearsalOutcome.WOULD_FAIL, "rejected", e.getMessage(), micros(start), edited);
        }
        MessageContext message = new MessageContext(id, entry.type(), entry.destination(), entry.attempts() + 1, false,
                PropertiesJson.values(entry.properties()), followUps.of(id)); // rolled back with the rest
        try {
            handle(handler, payload, message);
            return new RehearsalResult(id, RehearsalOutcome.WOULD_SUCCEED, null, null, micros(start), edited);
        } catch (Exception e) {
            return new RehearsalResult(id, RehearsalOutcome.WOULD_FAIL, Errors.rootOf(e).getClass().getName(),
                    Errors.describe(e), micros(start), edited);
        }
    }

    private MessageHandler<?> handler(LedgerEntry entry, String proposedBody) {
        MessageHandler<?> handler = entry.type() == null ? null : handlers.find(entry.type()).orElse(null);
        if (handler == null) {
            throw new RefusedException(entry.id(), "message " + entry.id() + " cannot be rehearsed: no handler is"
                    + " registered for its type '" + entry.type() + "'");
        }
        if (!handler.getClass().isAnnotationPresent(Rehearsable.class)) {
            throw new RefusedException(entry.id(), "message " + entry.id() + " cannot be rehearsed: the handler of '"
                    + entry.type() + "' is not marked @Rehearsable (it has not promised that all it does is undone"
                    + " with its transaction)");
        }
        if (proposedBody == null && entry.body() == null) {
            throw new RefusedException(entry.id(), "message " + entry.id() + " cannot be rehearsed: it has no body in"
                    + " the ledger; rehearse a proposed body instead");
        }
        return handler;
    }

    @SuppressWarnings("unchecked")
    private static <T> void handle(MessageHandler<T> handler, Object payload, MessageContext context) throws Exception {
        handler.handle((T) payload, context);
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }
}
