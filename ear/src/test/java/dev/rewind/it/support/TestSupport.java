package dev.rewind.it.support;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.AttemptOutcome;
import dev.rewind.api.RewindQueues;
import dev.rewind.api.Status;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.counts.EntryCounts;
import dev.rewind.ledger.Attempt;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.LedgerEntry;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Test-only: seeds the ledger directly (a bulk insert, not 10,000 failing JMS round trips) and reads counts. */
@Stateless
@LocalBean
public class TestSupport implements TestSupportRemote {

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    @Inject
    BrokerQueues broker;

    @Inject
    EntryCounts counts;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory jmsFactory;

    @Resource(lookup = RewindQueues.DEAD_LETTER_JNDI)
    Queue deadLetterQueue;

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long deadLetterCopies(UUID id) {
        try (JMSContext jms = jmsFactory.createContext();
             QueueBrowser browser = jms.createBrowser(deadLetterQueue, "rewindId = '" + id + "'")) {
            return java.util.Collections.list(browser.getEnumeration()).size();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse rewind.DLQ: " + e, e);
        }
    }

    @Override
    public List<UUID> seedFailed(int count, String marker, String from, String to) {
        List<UUID> ids = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            LedgerEntry entry = new LedgerEntry(id, "transfer.requested", "rewind.inbound",
                    "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":1}", "{}", null,
                    now.plusNanos(i * 1000L), Change.system("seeded by a test"));
            Attempt attempt = entry.startAttempt(AttemptKind.DELIVERY, now, "test");
            entry.failed(attempt, AttemptOutcome.FAILED, "dev.rewind.it.Seeded", "seeded failure " + marker,
                    Change.system("seeded failure"), now);
            em.persist(entry);
            ids.add(id);
            if (i % 500 == 499) {
                em.flush();
                em.clear();
            }
        }
        return ids;
    }

    @Override
    public List<UUID> seedProcessed(int count, Instant processedAt) {
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            LedgerEntry entry = new LedgerEntry(id, "transfer.requested", "rewind.inbound",
                    "{\"from\":\"x\",\"to\":\"y\",\"amount\":1}", "{}", null, processedAt, Change.system("seeded"));
            entry.succeeded(entry.startAttempt(AttemptKind.DELIVERY, processedAt, "test"), Change.system("seeded"), processedAt);
            em.persist(entry);
            ids.add(id);
        }
        return ids;
    }

    /**
     * Entries of one message type in every state a forced bulk replay meets, two of each, by kind:
     * {@code implied} (a first delivery's success, one row), {@code processed} (stored row by row),
     * {@code failed}, {@code purged} (PROCESSED, body removed by retention), {@code revoked} (a tombstone)
     * and {@code replaying} (a replay under way). Created a microsecond apart, in that order.
     */
    public Map<String, List<UUID>> seedMixed(String type) {
        Map<String, List<UUID>> seeded = new java.util.LinkedHashMap<>();
        Instant at = Instant.now().minusSeconds(60);
        String body = "{\"from\":\"x\",\"to\":\"y\",\"amount\":1}";
        for (String kind : List.of("implied", "processed", "failed", "purged", "revoked", "replaying")) {
            for (int i = 0; i < 2; i++) {
                at = at.plusNanos(1000);
                UUID id = UUID.randomUUID();
                Change seededBy = Change.system("seeded by a test");
                LedgerEntry entry = switch (kind) {
                    case "implied" -> LedgerEntry.handledOnFirstDelivery(id, type, RewindQueues.INBOUND, body, "{}", null,
                            at, "test", at);
                    case "revoked" -> LedgerEntry.tombstone(id, at, seededBy);
                    default -> new LedgerEntry(id, type, RewindQueues.INBOUND, body, "{}", null, at, seededBy);
                };
                Attempt attempt = kind.equals("implied") || kind.equals("revoked") ? null
                        : entry.startAttempt(AttemptKind.DELIVERY, at, "test");
                switch (kind) {
                    case "processed", "purged" -> entry.succeeded(attempt, seededBy, at);
                    case "failed" -> entry.failed(attempt, AttemptOutcome.FAILED, "dev.rewind.it.Seeded", "seeded failure",
                            seededBy, at);
                    case "replaying" -> {
                        entry.failed(attempt, AttemptOutcome.FAILED, "dev.rewind.it.Seeded", "seeded failure", seededBy, at);
                        entry.startReplay(false, 10, seededBy, at);
                        entry.sentTo(RewindQueues.INBOUND, Instant.now().plus(Duration.ofHours(1))); // not overdue: reconciliation leaves it
                    }
                    default -> {
                        // implied and revoked are as created
                    }
                }
                em.persist(entry);
                seeded.computeIfAbsent(kind, k -> new ArrayList<>()).add(id);
            }
        }
        em.flush();
        // A tombstone has no type (its message never came) and retention's purge is a bulk update: both by query.
        em.createQuery("update LedgerEntry e set e.type = :type where e.id in :ids")
                .setParameter("type", type).setParameter("ids", seeded.get("revoked")).executeUpdate();
        em.createQuery("update LedgerEntry e set e.body = null, e.properties = null, e.purgedAt = :now,"
                        + " e.version = e.version + 1 where e.id in :ids")
                .setParameter("now", Instant.now()).setParameter("ids", seeded.get("purged")).executeUpdate();
        return seeded;
    }

    /**
     * Leaves a PROCESSED entry as a crash at commit would have, with the old transaction shape: the
     * ledger committed REVOKING and names its compensation, which the broker never got.
     */
    public void loseCompensation(UUID id) {
        LedgerEntry entry = em.find(LedgerEntry.class, id, LockModeType.PESSIMISTIC_WRITE);
        entry.moveTo(Status.REVOKING, Change.by("it-operator", "compensate: lost in a crash"), Instant.now());
        entry.sentTo(RewindQueues.COMPENSATION, Instant.now().minus(Duration.ofHours(1)));
    }

    /** Makes FAILED entries REPLAYING with replays sent to {@code queue} at {@code sent} (the caller sends them). */
    public void parkReplays(List<UUID> ids, String queue, Instant sent) {
        for (UUID id : ids) {
            LedgerEntry entry = em.find(LedgerEntry.class, id, LockModeType.PESSIMISTIC_WRITE);
            entry.startReplay(false, 10, Change.by("it-operator", "parked"), sent);
            entry.sentTo(queue, sent);
        }
    }

    /** Leaves a FAILED entry REPLAYING with a replay the broker never got. */
    public void loseReplay(UUID id) {
        LedgerEntry entry = em.find(LedgerEntry.class, id, LockModeType.PESSIMISTIC_WRITE);
        entry.startReplay(false, 10, Change.by("it-operator", "lost in a crash"), Instant.now());
        entry.sentTo(entry.destination(), Instant.now().minus(Duration.ofHours(1)));
    }

    /** A PENDING entry sent through Rewind whose message the broker never got. */
    public UUID loseSend(String type, String body) {
        UUID id = UUID.randomUUID();
        Instant sent = Instant.now().minus(Duration.ofHours(1));
        LedgerEntry entry = new LedgerEntry(id, type, RewindQueues.INBOUND, body, "{}", null, sent,
                Change.by("it-operator", "sent via Rewind: lost in a crash"));
        entry.sentTo(RewindQueues.INBOUND, sent);
        em.persist(entry);
        return id;
    }

    @Override
    public Map<String, Long> stats(List<UUID> ids) {
        Map<String, Long> stats = new TreeMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<UUID> slice = ids.subList(from, Math.min(ids.size(), from + 1000));
            for (Object[] row : em.createQuery("select e.status, e.replays from LedgerEntry e where e.id in :ids",
                    Object[].class).setParameter("ids", slice).getResultList()) {
                stats.merge(row[0].toString(), 1L, Long::sum);
                stats.merge("replays=" + row[1], 1L, Long::sum);
            }
        }
        return stats;
    }

    /**
     * Writes counts in a stripe no database connection has (a negative one), balanced by stripe 0, as an
     * ended connection leaves them: the sums do not change.
     */
    public void seedEndedStripe(int stripe, String type, String status, long n) {
        if (stripe >= 0) {
            throw new IllegalArgumentException("connections' stripes are positive: take a negative one");
        }
        for (Object[] row : List.of(new Object[] {stripe, n}, new Object[] {0, -n})) {
            int updated = em.createNativeQuery("update rewind_count set n = n + ?1 where stripe = ?2 and message_type = ?3"
                            + " and status = ?4 and error_class = ''")
                    .setParameter(1, row[1]).setParameter(2, row[0]).setParameter(3, type).setParameter(4, status)
                    .executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("insert into rewind_count (stripe, message_type, status, error_class, n)"
                                + " values (?1, ?2, ?3, '', ?4)")
                        .setParameter(1, row[0]).setParameter(2, type).setParameter(3, status).setParameter(4, row[1])
                        .executeUpdate();
            }
        }
    }

    @Override
    public List<String> countMismatches() {
        return counts.mismatches();
    }

    /** Sets a timer lease as another node (or nobody: {@code holder} null) would have left it. */
    public void holdLease(String name, String holder, Instant until) {
        em.createNativeQuery("update rewind_lease set holder = ?1, lease_until = ?2 where name = ?3")
                .setParameter(1, holder).setParameter(2, until == null ? null : java.sql.Timestamp.from(until))
                .setParameter(3, name).executeUpdate();
    }

    /** Who holds a timer lease, or null. */
    public String leaseHolder(String name) {
        List<?> rows = em.createNativeQuery("select holder from rewind_lease where name = ?1").setParameter(1, name)
                .getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** Takes a timer lease's row away, as an operator cleaning the table might. */
    public void dropLease(String name) {
        em.createNativeQuery("delete from rewind_lease where name = ?1").setParameter(1, name).executeUpdate();
    }

    /** How many count rows a stripe has. */
    public long countRows(int stripe) {
        return ((Number) em.createNativeQuery("select count(*) from rewind_count where stripe = ?1")
                .setParameter(1, stripe).getSingleResult()).longValue();
    }

    @Override
    public long queueCount(String queue) {
        return broker.count(queue);
    }

    @Override
    public int purge(String queue) {
        return broker.purge(queue);
    }

    @Override
    public void expireApproval(long id) {
        int changed = em.createQuery("update ApprovalRequest a set a.expiresAt = :past where a.id = :id")
                .setParameter("past", Instant.now().minusSeconds(1)).setParameter("id", id).executeUpdate();
        if (changed != 1) {
            throw new IllegalArgumentException("no approval request " + id);
        }
    }
}
