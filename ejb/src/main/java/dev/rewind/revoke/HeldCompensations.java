package dev.rewind.revoke;

import dev.rewind.api.Lineage;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.lineage.Lineages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * Sends a compensation a cascade held back once everything its message caused is revoked: its children, and
 * theirs (a child revoked before the cascade may still have descendants being compensated). Called in the
 * transaction that revoked a message, with that message's cause; it walks up through causes that are taken back
 * already to the first one that holds its compensation. Each row on the way is locked first, so two messages
 * finishing at once see each other (the second waits for the first to commit, then counts it) and a compensation
 * is sent once.
 */
@ApplicationScoped
public class HeldCompensations {

    @Inject
    Ledger ledger;

    @Inject
    Lineages lineages;

    @Inject
    Revocations revocations;

    /** After a message caused by {@code cause} was revoked: sends the compensation it may have been holding back. */
    public void childRevoked(UUID cause) {
        UUID at = cause;
        for (int up = 0; at != null && up <= Lineage.MAX_DEPTH; up++) {
            LedgerEntry entry = ledger.findLocked(at).orElse(null);
            if (entry == null) {
                return;
            }
            if (entry.compensationHeld()) {
                if (settledBelow(entry.id(), 1)) {
                    Instant now = Instant.now();
                    entry.releaseCompensation(Change.system("the messages it caused are revoked: its compensation is sent"), now);
                    revocations.sendCompensation(entry, now);
                }
                return;
            }
            if (!Cascades.TAKEN_BACK.contains(entry.status())) {
                return; // not waiting for anything, nor is anything above it through it
            }
            at = entry.causedBy();
        }
    }

    /** Whether every message below {@code parent} is taken back. */
    private boolean settledBelow(UUID parent, int depth) {
        if (depth > Lineage.MAX_DEPTH) {
            return false;
        }
        for (LedgerEntry child : lineages.children(parent, false)) {
            if (!Cascades.TAKEN_BACK.contains(child.status()) || !settledBelow(child.id(), depth + 1)) {
                return false;
            }
        }
        return true;
    }
}
