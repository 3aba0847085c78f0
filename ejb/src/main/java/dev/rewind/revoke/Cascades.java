package dev.rewind.revoke;

import dev.rewind.api.NotCompensableException;
import dev.rewind.api.RefusedException;
import dev.rewind.api.RevokeMode;
import dev.rewind.api.RevokePlan;
import dev.rewind.api.RevokeStep;
import dev.rewind.api.Status;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.lineage.Lineages;
import dev.rewind.metrics.Operated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A cascading revoke: a message and everything it caused, in the caller's transaction.
 *
 * <p>The tree is read top-down with each row locked (SELECT ... FOR UPDATE), the way a single revoke locks its
 * entry: a handler still running on one of them writes its entry with a version check after it ran, so it
 * either committed before the lock (its follow-ups are then committed too, and read here) or fails after this
 * transaction (its work and its follow-ups roll back). So no follow-up can slip in unseen and stay applied.
 *
 * <p>Then, deepest first: what has not run is withdrawn, what ran is compensated. A compensation is sent at once
 * only if everything its message caused is REVOKED by then; otherwise the entry is REVOKING with its compensation
 * held, and {@link HeldCompensations} sends it when the last of those compensations commits. The order "what a
 * message caused is undone before the message" therefore holds however the compensation consumers interleave.
 */
@ApplicationScoped
public class Cascades {

    /** The statuses in which a message is taken back for good. */
    static final Set<Status> TAKEN_BACK = EnumSet.of(Status.REVOKED, Status.SUPERSEDED);

    @Inject
    Ledger ledger;

    @Inject
    Lineages lineages;

    @Inject
    Revocations revocations;

    @Inject
    BrokerQueues broker;

    @Inject
    Event<Operated> operated;

    /** A step of the plan with its entry, locked. */
    public record Node(LedgerEntry entry, UUID causedBy, int depth, RevokeMode mode, List<Node> children) {
        public RevokeStep step() {
            return new RevokeStep(entry.id(), entry.type(), causedBy, depth, entry.status(), mode);
        }

        /** Taken back, and so is everything below it (as the plan's entries say now). */
        boolean settled() {
            return TAKEN_BACK.contains(entry.status()) && children.stream().allMatch(Node::settled);
        }
    }

    /**
     * The plan for {@code id} ({@code cascade}: with all it caused), locked, in the order it is carried out.
     *
     * @throws UnknownMessageException for an id the ledger does not have
     * @throws RefusedException        naming the first message that cannot be revoked; nothing is changed
     */
    public List<Node> plan(UUID id, boolean cascade) {
        return plan(id, cascade, true);
    }

    /** The plan as {@link #plan(UUID, boolean)} makes it, but read without locks: only to be shown (a dry run). */
    public List<Node> preview(UUID id, boolean cascade) {
        return plan(id, cascade, false);
    }

    private List<Node> plan(UUID id, boolean cascade, boolean lock) {
        LedgerEntry root = (lock ? ledger.findLocked(id) : ledger.find(id)).orElseThrow(() -> new UnknownMessageException(id));
        RevokeMode rootMode = mode(root, root);
        if (rootMode != RevokeMode.WITHDRAW && rootMode != RevokeMode.COMPENSATE) {
            throw new RefusedException(id, root.status() == Status.REVOKING
                    ? "message " + id + " is being revoked (REVOKING): its compensation has not run yet"
                    : "message " + id + " is already " + root.status());
        }
        Lineages.Budget budget = new Lineages.Budget();
        budget.count(id, 0);
        Node top = new Node(root, null, 0, rootMode, new ArrayList<>());
        List<Node> all = new ArrayList<>(List.of(top));
        if (cascade) {
            // Level by level, so every row is locked parent before children, as the consumer's writes expect.
            List<Node> level = List.of(top);
            while (!level.isEmpty()) {
                List<Node> next = new ArrayList<>();
                for (Node parent : level) {
                    for (LedgerEntry child : lineages.children(parent.entry().id(), lock)) {
                        budget.count(child.id(), parent.depth() + 1);
                        Node node = new Node(child, parent.entry().id(), parent.depth() + 1, mode(child, root),
                                new ArrayList<>());
                        parent.children().add(node);
                        next.add(node);
                    }
                }
                all.addAll(next);
                level = next;
            }
        }
        // Deepest first; within a level, in the order read (oldest first). The sort is stable.
        all.sort(Comparator.comparingInt(Node::depth).reversed());
        return all;
    }

    public RevokePlan view(UUID id, boolean dryRun, List<Node> plan) {
        return new RevokePlan(id, dryRun, plan.stream().map(Node::step).toList(), null);
    }

    /** Carries out a plan from {@link #plan}, in the same transaction. */
    public void carryOut(List<Node> plan, Change change) {
        Instant now = Instant.now();
        UUID root = plan.get(plan.size() - 1).entry().id();
        for (Node node : plan) {
            LedgerEntry entry = node.entry();
            String how = node.depth() == 0 ? "" : " (cascade of " + root + ")";
            switch (node.mode()) {
                case WITHDRAW -> {
                    entry.moveTo(Status.REVOKED, change.as("withdraw" + how), now);
                    broker.removeAfterCommit(Revocations.queuesHolding(entry), entry.id());
                    operated.fire(new Operated(entry.id(), "withdraw", null));
                }
                case COMPENSATE -> {
                    // A child taken back earlier may still have descendants being compensated: they count too.
                    long waiting = node.children().stream().filter(c -> !c.settled()).count();
                    if (waiting == 0) {
                        entry.moveTo(Status.REVOKING, change.as("compensate" + how), now);
                        revocations.sendCompensation(entry, now);
                    } else {
                        entry.holdCompensation(change.as("compensate after the " + waiting + " messages it caused"
                                + " (or theirs) that are being compensated" + how), now);
                    }
                    operated.fire(new Operated(entry.id(), "compensate", null));
                }
                case AWAIT, NONE -> {
                    // Being compensated already, or taken back: its cause waits for it, or need not.
                }
            }
        }
    }

    private RevokeMode mode(LedgerEntry entry, LedgerEntry root) {
        Status status = entry.status();
        if (status.awaitsHandling()) {
            return RevokeMode.WITHDRAW;
        }
        return switch (status) {
            case PROCESSED, REVOKE_FAILED -> {
                try {
                    revocations.checkCompensable(entry);
                } catch (NotCompensableException e) {
                    throw entry == root ? e : new NotCompensableException(entry.id(), "the cascade of " + root.id()
                            + " cannot revoke " + entry.id() + " (" + entry.type() + ", caused by " + entry.causedBy()
                            + "): " + e.getMessage() + "; nothing was revoked");
                }
                yield RevokeMode.COMPENSATE;
            }
            case REVOKING -> RevokeMode.AWAIT;
            default -> RevokeMode.NONE;
        };
    }
}
