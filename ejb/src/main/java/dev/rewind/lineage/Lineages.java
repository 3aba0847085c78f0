package dev.rewind.lineage;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.Lineage;
import dev.rewind.api.LineageNode;
import dev.rewind.api.LineageTooLargeException;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.ledger.LedgerEntry;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads causal trees from the ledger: an entry's children are the entries whose {@code caused_by} names it
 * (indexed), read one level at a time, oldest first. Every walk stops at {@link Lineage}'s limits with an error
 * naming the entry where it went past them, rather than serving part of a tree as if it were all.
 */
@Stateless // a lineage is read in one transaction: its entries' attempts load lazily
public class Lineages {

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    /**
     * The entries {@code parent}'s handler sent, oldest first; with {@code lock}, each row locked for the rest of
     * the transaction.
     *
     * @throws LineageTooLargeException over {@link Lineage#MAX_CHILDREN}
     */
    public List<LedgerEntry> children(UUID parent, boolean lock) {
        var query = em.createQuery("select e from LedgerEntry e where e.causedBy = :parent order by e.createdAt, e.id",
                        LedgerEntry.class)
                .setParameter("parent", parent)
                .setMaxResults(Lineage.MAX_CHILDREN + 1);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        List<LedgerEntry> children = query.getResultList();
        if (children.size() > Lineage.MAX_CHILDREN) {
            throw new LineageTooLargeException(parent, "message " + parent + " caused more than " + Lineage.MAX_CHILDREN
                    + " messages: its lineage is too large to be served or revoked as a whole");
        }
        return children;
    }

    /** Everything the entry's handler (and theirs, and so on) caused, counted: for the limits of a walk. */
    public static final class Budget {
        private int nodes;

        void take(UUID at) {
            if (++nodes > Lineage.MAX_NODES) {
                throw new LineageTooLargeException(at, "the lineage reaches more than " + Lineage.MAX_NODES
                        + " messages (at " + at + "): too large to be served or revoked as a whole");
            }
        }

        public static void depth(UUID at, int depth) {
            if (depth > Lineage.MAX_DEPTH) {
                throw new LineageTooLargeException(at, "the lineage is deeper than " + Lineage.MAX_DEPTH
                        + " levels (at " + at + "): too large to be served or revoked as a whole");
            }
        }

        public void count(UUID at, int depth) {
            depth(at, depth);
            take(at);
        }

        public int nodes() {
            return nodes;
        }
    }

    public Lineage lineage(UUID id) {
        LedgerEntry entry = em.find(LedgerEntry.class, id);
        if (entry == null) {
            throw new UnknownMessageException(id);
        }
        Budget budget = new Budget();
        List<LineageNode> causes = new ArrayList<>();
        UUID cause = entry.causedBy();
        int up = 0;
        while (cause != null) {
            budget.count(cause, ++up);
            LedgerEntry above = em.find(LedgerEntry.class, cause);
            if (above == null) {
                break; // retention removed it: the chain ends here
            }
            causes.add(0, node(above, List.of()));
            cause = above.causedBy();
        }
        budget.count(id, 0);
        return new Lineage(id, causes, tree(entry, 0, budget), budget.nodes());
    }

    private LineageNode tree(LedgerEntry entry, int depth, Budget budget) {
        List<LineageNode> children = new ArrayList<>();
        for (LedgerEntry child : children(entry.id(), false)) {
            budget.count(child.id(), depth + 1);
            children.add(tree(child, depth + 1, budget));
        }
        return node(entry, children);
    }

    private static LineageNode node(LedgerEntry e, List<LineageNode> children) {
        int compensations = (int) e.attemptLog().stream().filter(a -> a.kind() == AttemptKind.COMPENSATION).count();
        return new LineageNode(e.id(), e.type(), e.status(), e.createdAt(), e.causedBy(), e.replays(), compensations,
                e.editOf(), e.supersededBy(), children);
    }
}
