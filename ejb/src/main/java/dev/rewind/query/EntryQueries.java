package dev.rewind.query;

import dev.rewind.ledger.LedgerEntry;
import dev.rewind.ledger.Status;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads the ledger into views that outlive the transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class EntryQueries {

    /** The most entries one call returns. */
    public static final int MAX_LIMIT = 500;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    public Optional<EntryView> find(UUID id) {
        LedgerEntry e = em.find(LedgerEntry.class, id);
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(new EntryView(e.id(), e.type(), e.destination(), e.status(), e.attempts(),
                e.createdAt(), e.updatedAt(), e.processedAt(), e.lastError(), e.errorClass(),
                e.replayOf(), e.compensates(), e.body(), e.properties(),
                e.attemptLog().stream().map(a -> new AttemptView(a.number(), a.kind(), a.startedAt(),
                        a.endedAt(), a.outcome(), a.error(), a.node())).toList(),
                e.history().stream().map(h -> new HistoryView(h.at(), h.from(), h.to(), h.actor(),
                        h.reason(), h.jobId())).toList()));
    }

    /** The newest entries, optionally of one status only. */
    public List<EntrySummary> latest(Status status, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        var query = status == null
                ? em.createNamedQuery("LedgerEntry.latest", LedgerEntry.class)
                : em.createNamedQuery("LedgerEntry.byStatus", LedgerEntry.class).setParameter("status", status);
        return query.setMaxResults(limit).getResultStream()
                .map(e -> new EntrySummary(e.id(), e.type(), e.destination(), e.status(), e.attempts(),
                        e.createdAt(), e.updatedAt(), e.lastError()))
                .toList();
    }

    public Map<Status, Long> countByStatus() {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            counts.put(status, 0L);
        }
        em.createQuery("select e.status, count(e) from LedgerEntry e group by e.status", Object[].class)
                .getResultList()
                .forEach(row -> counts.put((Status) row[0], (Long) row[1]));
        return counts;
    }
}
