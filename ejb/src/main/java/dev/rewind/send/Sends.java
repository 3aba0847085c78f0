package dev.rewind.send;

import dev.rewind.api.InvalidRequestException;
import dev.rewind.api.RefusedException;
import dev.rewind.api.RewindQueues;
import dev.rewind.api.SendRequest;
import dev.rewind.handling.HandlerRegistry;
import dev.rewind.handling.PayloadReader;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.ledger.StorableText;
import dev.rewind.message.PropertiesJson;
import dev.rewind.spi.MessageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Sends a message through Rewind: its PENDING entry and the JMS message commit in one
 * transaction, so the ledger knows the message before any consumer does, and a delivery delay
 * gives a window in which a revoke withdraws it unseen.
 */
@ApplicationScoped
public class Sends {

    public static final String INBOUND = RewindQueues.INBOUND;

    @Inject
    Ledger ledger;

    @Inject
    HandlerRegistry handlers;

    @Inject
    PayloadReader payloads;

    @Inject
    JmsSender outbound;

    public LedgerEntry send(SendRequest request, Change change) {
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        if (request.delayMs() < 0 || request.delayMs() > SendRequest.MAX_DELAY_MS) {
            throw new InvalidRequestException("delayMs must be between 0 and " + SendRequest.MAX_DELAY_MS
                    + ", not " + request.delayMs());
        }
        MessageHandler<?> handler = handlers.find(request.type()).orElseThrow(() -> new InvalidRequestException(
                "no handler is registered for type '" + request.type() + "' (known types: " + handlers.types() + ")"));
        checkBody(handler, request.body());
        String propertiesJson = recordedProperties(request.properties() == null ? Map.of() : request.properties());
        if (ledger.find(id).isPresent()) {
            throw new RefusedException(id, "message " + id + " is in the ledger already");
        }
        LedgerEntry entry = new LedgerEntry(id, request.type(), INBOUND, request.body(), propertiesJson, null,
                Instant.now(), change.as("sent via Rewind"));
        dispatch(entry, Map.of(), request.delayMs());
        return entry;
    }

    /**
     * Records a new PENDING entry and sends its message to {@code rewind.inbound} in the caller's transaction,
     * due {@code delayMs} after the entry's creation: a send, an edit's corrected message, a dead-lettered
     * message sent back by reconciliation. {@code extra} are Rewind's own properties for the message.
     */
    public void dispatch(LedgerEntry entry, Map<String, String> extra, long delayMs) {
        entry.sentTo(INBOUND, entry.createdAt().plusMillis(delayMs));
        ledger.add(entry);
        outbound.send(INBOUND, entry.id(), entry.type(), entry.body(), entry.properties(), extra, delayMs);
    }

    /**
     * Refuses a body the handler could not run: missing, too long, not storable, or not readable as the
     * handler's payload (its Bean Validation constraints included). Nothing has changed when it throws.
     */
    public void checkBody(MessageHandler<?> handler, String body) {
        if (body == null) {
            throw new InvalidRequestException("the body is missing");
        }
        if (body.length() > LedgerEntry.MAX_BODY || StorableText.problem(body) != null) {
            throw new InvalidRequestException("the body " + (body.length() > LedgerEntry.MAX_BODY
                    ? "has more than " + LedgerEntry.MAX_BODY + " characters" : StorableText.problem(body)));
        }
        try {
            payloads.read(body, handler.payloadType());
        } catch (PayloadReader.UnreadablePayloadException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /** The user properties as the ledger records them, or a refusal naming the first one it cannot keep. */
    public static String recordedProperties(Map<String, String> properties) {
        for (String name : properties.keySet()) {
            if (!dev.rewind.api.RewindHeaders.isApplicationProperty(name) || !name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                throw new InvalidRequestException("'" + name + "' cannot be a property name (reserved, or not a Java identifier)");
            }
        }
        PropertiesJson.Recorded recorded = PropertiesJson.recorded(properties);
        if (!recorded.problems().isEmpty()) {
            throw new InvalidRequestException(recorded.problems().get(0).text());
        }
        return recorded.json();
    }
}
