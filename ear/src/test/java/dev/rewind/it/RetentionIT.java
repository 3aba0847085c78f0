package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.EntryView;
import dev.rewind.api.ReplayRefusedException;
import dev.rewind.api.Rewind;
import dev.rewind.api.Status;
import dev.rewind.it.support.AsOperator;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.TestSupport;
import dev.rewind.query.EntryQueries;
import dev.rewind.nodes.TimerLeases;
import dev.rewind.retention.Retention;
import dev.rewind.retention.RetentionMode;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Retention on the real ledger: old PROCESSED entries go, FAILED, held and recent ones stay. */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWithTests(RetentionIT.class);
    }

    @EJB
    TestSupport support;

    @EJB
    AsOperator operator;

    @Inject
    Rewind rewind;

    @Inject
    Retention retention;

    @Inject
    EntryQueries entries;

    @Inject
    TimerLeases leases;

    private final Instant now = Instant.now();
    private final Instant longAgo = now.minus(Duration.ofDays(40));
    private final Instant cutoff = now.minus(Duration.ofDays(30));

    @Test
    void oneNodeAtATimeHoldsTheRetentionLeaseAndALeaseThatEndedIsAnyones() {
        String me = System.getProperty("jboss.node.name");
        try {
            support.holdLease("retention", "other-node", now.plus(Duration.ofMinutes(20)));
            assertFalse(leases.claim("retention", Duration.ofMinutes(30)), "another node holds it: this one skips the hour");
            assertEquals("other-node", support.leaseHolder("retention"));

            support.holdLease("retention", "other-node", now.minusSeconds(1));
            assertTrue(leases.claim("retention", Duration.ofMinutes(30)), "its lease ended");
            assertEquals(me, support.leaseHolder("retention"));
            assertTrue(leases.claim("retention", Duration.ofMinutes(30)), "the holder may renew it");

            support.dropLease("retention");
            assertTrue(leases.claim("retention", Duration.ofMinutes(30)), "a lease whose row is gone is made again");
            assertEquals(me, support.leaseHolder("retention"));
        } finally {
            support.holdLease("retention", null, null);
        }
    }

    @Test
    void oldProcessedEntriesArePurgedInBatchesAndFailedHeldAndRecentOnesAreNot() throws Exception {
        List<UUID> old = support.seedProcessed(1_200, longAgo); // more than two batches of 500
        List<UUID> recent = support.seedProcessed(3, now.minus(Duration.ofDays(1)));
        UUID held = support.seedProcessed(1, longAgo).get(0);
        UUID failed = support.seedFailed(1, "retention", "x", "y").get(0);
        EntryView onHold = operator.call(() -> rewind.hold(held, true, "legal hold"));
        assertTrue(onHold.hold());
        assertEquals("hold placed: legal hold", onHold.history().get(onHold.history().size() - 1).reason());

        retention.purge(cutoff, RetentionMode.DELETE);

        assertEquals(java.util.Map.of(), support.stats(old), "every old PROCESSED entry is gone");
        assertTrue(entries.find(old.get(0)).isEmpty());
        assertEquals(3L, support.stats(recent).get("PROCESSED"), "recent ones stay");
        assertEquals(Status.PROCESSED, entries.find(held).orElseThrow().status(), "held ones stay");
        assertEquals(Status.FAILED, entries.find(failed).orElseThrow().status(), "FAILED ones stay");
    }

    @Test
    void aPayloadPurgeKeepsTheEntryAndItsHistoryButNotItsBody() throws Exception {
        UUID id = support.seedProcessed(1, longAgo).get(0);

        retention.purge(cutoff, RetentionMode.PAYLOAD);

        EntryView entry = entries.find(id).orElseThrow();
        assertNull(entry.body());
        assertNull(entry.properties());
        assertNotNull(entry.purgedAt());
        assertEquals(2, entry.history().size(), "the audit trail stays");
        ReplayRefusedException refused = assertThrows(ReplayRefusedException.class,
                () -> operator.call(() -> rewind.replay(id, "again", null, true)));
        assertTrue(refused.getMessage().contains("retention purged its body"), refused.getMessage());
    }
}
