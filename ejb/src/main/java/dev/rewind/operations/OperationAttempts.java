package dev.rewind.operations;

import dev.rewind.api.EditRequest;
import dev.rewind.api.EntryView;
import dev.rewind.api.SendRequest;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.edit.Edits;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.query.EntryQueries;
import dev.rewind.replay.Replays;
import dev.rewind.revoke.Revocations;
import dev.rewind.send.Sends;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.UUID;

/** One operation, one transaction: what {@link RewindService} retries when it meets a conflict. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OperationAttempts {

    @Inject
    Replays replays;

    @Inject
    Revocations revocations;

    @Inject
    Sends sends;

    @Inject
    EntryQueries queries;

    @Inject
    Ledger ledger;

    @Inject
    Edits edits;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    public EntryView replay(UUID id, String target, boolean force, Change change) {
        replays.replay(id, target, force, change);
        return viewAfterWrite(id);
    }

    public EntryView revoke(UUID id, Change change) {
        revocations.revoke(id, change);
        return viewAfterWrite(id);
    }

    public EntryView hold(UUID id, boolean hold, Change change) {
        ledger.findLocked(id).orElseThrow(() -> new UnknownMessageException(id)).setHold(hold, change, Instant.now());
        return viewAfterWrite(id);
    }

    public EntryView edit(UUID id, EditRequest request, Change change) {
        UUID edit = edits.edit(id, request, change).id();
        return viewAfterWrite(edit);
    }

    /** Records in the entry's history that it was rehearsed, by whom and with what result. */
    public EntryView noteRehearsal(UUID id, Change change) {
        ledger.findLocked(id).orElseThrow(() -> new UnknownMessageException(id)).noted(change, Instant.now());
        return viewAfterWrite(id);
    }

    public EntryView send(SendRequest request, Change change) {
        UUID id = sends.send(request, change).id();
        return viewAfterWrite(id);
    }

    private EntryView viewAfterWrite(UUID id) {
        em.flush(); // a conflict shows here, inside the call, where it can be retried
        return queries.find(id).orElseThrow();
    }
}
