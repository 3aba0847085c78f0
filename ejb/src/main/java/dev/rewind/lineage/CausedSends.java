package dev.rewind.lineage;

import dev.rewind.api.InvalidRequestException;
import dev.rewind.api.RewindHeaders;
import dev.rewind.api.SendRequest;
import dev.rewind.handling.HandlerRegistry;
import dev.rewind.handling.PayloadReader;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.send.Sends;
import dev.rewind.spi.FollowUps;
import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageHandler;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The follow-ups of a running handler: each is a PENDING entry naming its cause and a message to
 * {@code rewind.inbound}, both in the handler's transaction (through {@link Sends#dispatch}), so a handler
 * that fails leaves none behind and one that commits has sent them all.
 */
@ApplicationScoped
public class CausedSends {

    @Inject
    HandlerRegistry handlers;

    @Inject
    PayloadReader payloads;

    @Inject
    Sends sends;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /**
     * The follow-ups of {@code cause}'s handler, valid in the current transaction only: a handler that keeps its
     * context and sends later (another thread, after commit) is refused rather than sending an orphan.
     */
    public FollowUps of(UUID cause) {
        Object key = transaction.getTransactionKey();
        if (key == null) {
            return FollowUps.NONE;
        }
        return (context, type, payload, delayMs) -> send(key, cause, context, type, payload, delayMs);
    }

    private UUID send(Object key, UUID cause, MessageContext context, String type, Object payload, long delayMs) {
        if (!key.equals(transaction.getTransactionKey()) || !cause.equals(context.id())) {
            throw new IllegalStateException("a follow-up of " + cause + " can be sent only by its handler while it"
                    + " runs, in its transaction");
        }
        if (delayMs < 0 || delayMs > SendRequest.MAX_DELAY_MS) {
            throw new IllegalArgumentException("delayMs must be between 0 and " + SendRequest.MAX_DELAY_MS
                    + ", not " + delayMs);
        }
        MessageHandler<?> handler = handlers.find(type).orElseThrow(() -> new IllegalArgumentException(
                "a follow-up of " + cause + " has type '" + type + "', for which no handler is registered (known types: "
                        + handlers.types() + ")"));
        String body = payload instanceof String text ? text : payloads.toJson(Objects.requireNonNull(payload, "payload"));
        try {
            sends.checkBody(handler, body);
        } catch (InvalidRequestException unusable) {
            throw new IllegalArgumentException("the follow-up of " + cause + " of type '" + type + "' cannot be sent: "
                    + unusable.getMessage(), unusable);
        }
        Instant now = Instant.now();
        LedgerEntry entry = new LedgerEntry(UUID.randomUUID(), type, Sends.INBOUND, body,
                Sends.recordedProperties(Map.of()), null, now, Change.system("sent by the handler of " + cause));
        entry.causedBy(cause);
        sends.dispatch(entry, Map.of(RewindHeaders.CAUSED_BY, cause.toString()), delayMs);
        return entry.id();
    }
}
