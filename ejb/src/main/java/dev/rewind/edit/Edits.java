package dev.rewind.edit;

import dev.rewind.api.EditRequest;
import dev.rewind.api.InvalidRequestException;
import dev.rewind.api.RefusedException;
import dev.rewind.api.RewindHeaders;
import dev.rewind.api.RewindQueues;
import dev.rewind.api.Status;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.handling.HandlerRegistry;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.metrics.Operated;
import dev.rewind.revoke.Revocations;
import dev.rewind.send.Sends;
import dev.rewind.spi.MessageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Edit and retry, in the caller's transaction: a corrected message replaces one that has not taken effect.
 *
 * <p>Everything the edit needs is checked before anything changes: the original's state, and the corrected
 * body read as its handler's payload. Then the original is locked (SELECT ... FOR UPDATE) and, as for a
 * withdraw ({@link Revocations}), the consumer writes an entry only with a version check after its handler
 * ran: either the edit sees the original before the handler's transaction committed (the original becomes
 * SUPERSEDED, the consumer's write fails and rolls back, handler effects included, and its next delivery is
 * skipped) or after (PROCESSED: the edit is refused). Exactly one of the two messages takes effect.
 */
@ApplicationScoped
public class Edits {

    @Inject
    Ledger ledger;

    @Inject
    HandlerRegistry handlers;

    @Inject
    Sends sends;

    @Inject
    BrokerQueues broker;

    @Inject
    Event<Operated> operated;

    /** Supersedes the original and sends its corrected message; returns the new entry (PENDING). */
    public LedgerEntry edit(UUID id, EditRequest request, Change change) {
        if (request == null || (request.body() == null && request.properties() == null)) {
            throw new InvalidRequestException("give the corrected body, the corrected properties, or both");
        }
        LedgerEntry original = ledger.findLocked(id).orElseThrow(() -> new UnknownMessageException(id));
        refuseUnlessEditable(original);
        MessageHandler<?> handler = handlers.find(original.type()).orElseThrow(() -> new RefusedException(id,
                "message " + id + " cannot be edited: no handler is registered for its type '" + original.type() + "'"));
        String body = request.body() != null ? request.body() : original.body();
        if (body == null) {
            throw new InvalidRequestException("message " + id + " has no body in the ledger (it was rejected, or"
                    + " retention purged it): give the corrected body");
        }
        sends.checkBody(handler, body);
        String properties = request.properties() != null
                ? Sends.recordedProperties(request.properties()) : original.properties();
        if (body.equals(original.body()) && Objects.equals(properties, original.properties())) {
            throw new InvalidRequestException("the edit changes nothing: to run the message as it is, replay it");
        }

        Instant now = Instant.now();
        UUID editId = UUID.randomUUID();
        LedgerEntry edit = new LedgerEntry(editId, original.type(), RewindQueues.INBOUND, body, properties, null, now,
                change.as("edit of " + id));
        edit.correcting(id);
        edit.causedBy(original.causedBy()); // it takes the original's place in its cause's lineage
        sends.dispatch(edit, Map.of(RewindHeaders.EDIT_OF, id.toString()), 0);
        original.supersede(editId, change.as("superseded by " + editId), now);
        broker.removeAfterCommit(Revocations.queuesHolding(original), id);
        operated.fire(new Operated(id, "edit", change.jobId()));
        return edit;
    }

    private static void refuseUnlessEditable(LedgerEntry entry) {
        Status status = entry.status();
        if (status.awaitsHandling()) {
            return;
        }
        String why = switch (status) {
            case PROCESSED -> "it ran (PROCESSED): revoke it to undo its effects, then send the corrected message";
            case SUPERSEDED -> "it was edited already (SUPERSEDED by " + entry.supersededBy() + "): edit that one";
            case REVOKED -> "it was taken back (REVOKED)";
            default -> "it ran and is being taken back (" + status + ")";
        };
        throw new RefusedException(entry.id(), "message " + entry.id() + " cannot be edited: " + why);
    }
}
