package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.AttemptOutcome;
import dev.rewind.api.EntryView;
import dev.rewind.api.Status;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.example.Accounts;
import dev.rewind.handling.Consumed;
import dev.rewind.it.support.Await;
import dev.rewind.it.support.Bank;
import dev.rewind.it.support.ConsumptionProbe;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.InboundDelivery;
import dev.rewind.query.EntryQueries;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Production failures under load (-Pproduction only: the build owns the standalone broker and the
 * throwaway PostgreSQL): the broker is killed while messages are in flight, the database is stopped
 * during a load. Afterwards every message is PROCESSED, its handler committed exactly once, the
 * balances add up and nothing went to the dead-letter queue.
 */
@ExtendWith(ArquillianExtension.class)
class OutageIT {

    private static final Duration DRAIN = Duration.ofMinutes(5);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWithTests(OutageIT.class, ConsumptionProbe.class, Await.class, Bank.class,
                InboundDelivery.class);
    }

    @Inject
    JMSContext jms;

    @Inject
    EntryQueries entries;

    @Inject
    Accounts accounts;

    @Inject
    ConsumptionProbe probe;

    @Inject
    BrokerQueues broker;

    private Queue inbound;
    private Bank bank;

    @BeforeEach
    void lookUpQueue() throws NamingException {
        bank = new Bank(jms, accounts, entries);
        inbound = InitialContext.doLookup("java:/jms/queue/rewind.inbound");
    }

    @Test
    void theBrokerKilledWhileMessagesAreInFlightLosesNothingAndRunsNothingTwice() throws Exception {
        long deadLettered = broker.count("rewind.DLQ");
        Bank.Load load = sendAndAwaitATenth(2_000);

        run(Map.of(), property("rewind.test.broker.instance") + "/bin/artemis-service", "force-stop");
        long handledBeforeKill = probe.countWithOutcome(load.ids(), Consumed.Outcome.HANDLED);
        TimeUnit.SECONDS.sleep(3);
        run(Map.of(), "bash", property("rewind.test.broker.script"), "start", property("rewind.test.broker.instance"));

        assertTrue(handledBeforeKill < load.ids().size(), "the broker was killed while messages were in flight");
        assertEachHandledOnce(load);
        assertEquals(deadLettered, broker.count("rewind.DLQ"), "nothing was dead-lettered");
    }

    @Test
    void theDatabaseStoppedDuringALoadKeepsMessagesQueuedUntilItIsBack() throws Exception {
        long deadLettered = broker.count("rewind.DLQ");
        // Large enough that the consumer (about 600 messages/s) is still busy when the database has stopped.
        Bank.Load load = sendAndAwaitATenth(3_000);

        Map<String, String> database = Map.of("PGPORT", property("rewind.test.db.port"));
        run(database, "bash", property("rewind.test.db.control"), "pause");
        long waiting;
        try {
            TimeUnit.SECONDS.sleep(5);
            long handledWhileDown = probe.countWithOutcome(load.ids(), Consumed.Outcome.HANDLED);
            TimeUnit.SECONDS.sleep(5);
            assertEquals(handledWhileDown, probe.countWithOutcome(load.ids(), Consumed.Outcome.HANDLED),
                    "nothing commits while the database is down");
            waiting = broker.count("rewind.inbound");
            assertEquals(deadLettered, broker.count("rewind.DLQ"), "nothing is dead-lettered while the database is down");
        } finally {
            run(database, "bash", property("rewind.test.db.control"), "resume");
        }

        assertTrue(waiting > 0, "messages waited in the queue: " + waiting);
        assertEachHandledOnce(load);
        assertEquals(deadLettered, broker.count("rewind.DLQ"), "nothing was dead-lettered");
    }

    /**
     * Sends a random transfer load while the consumer is stopped, starts it and returns once a tenth is
     * handled: the outage then hits a load in flight, however fast the consumer is.
     */
    private Bank.Load sendAndAwaitATenth(int count) throws Exception {
        InboundDelivery.stop();
        Bank.Load load;
        try {
            load = bank.sendRandomTransfers(inbound, "outage", count, 7);
        } finally {
            InboundDelivery.start();
        }
        Await.until("a tenth is handled", DRAIN, () -> probe.countWithOutcome(load.ids(), Consumed.Outcome.HANDLED),
                n -> n >= count / 10);
        return load;
    }

    /**
     * Every message settled, PROCESSED, its handler committed once, and every balance as expected.
     * "Settled" is a committed HANDLED or SKIPPED: when the database stops during a commit, the
     * driver may lose the reply of a commit PostgreSQL made. The transaction manager then rolls the
     * broker back, the message comes again and is skipped as already PROCESSED, and the probe never
     * saw the first commit succeed. The ledger and the balances are the judges of exactly once.
     */
    private void assertEachHandledOnce(Bank.Load load) {
        Await.until("every message is settled", DRAIN,
                () -> load.ids().stream().filter(this::settled).count(), n -> n == load.ids().size());
        int replyLost = 0;
        for (UUID id : load.ids()) {
            EntryView entry = entries.find(id).orElseThrow();
            assertEquals(Status.PROCESSED, entry.status(), id.toString());
            assertEquals(1, entry.attemptLog().stream().filter(a -> a.outcome() == AttemptOutcome.SUCCEEDED).count(),
                    "one successful attempt in the ledger: " + id);
            long handled = probe.outcomes(id).stream().filter(o -> o == Consumed.Outcome.HANDLED).count();
            assertTrue(handled <= 1, "never two committed handler runs: " + id);
            replyLost += handled == 0 ? 1 : 0;
        }
        for (String account : load.accounts()) {
            assertEquals(load.expected().get(account), bank.balance(account), "balance of " + account);
        }
        System.out.printf("OutageIT: %d messages settled, %d of them committed with the reply lost%n",
                load.ids().size(), replyLost);
    }

    private boolean settled(UUID id) {
        List<Consumed.Outcome> outcomes = probe.outcomes(id);
        return outcomes.contains(Consumed.Outcome.HANDLED) || outcomes.contains(Consumed.Outcome.SKIPPED);
    }


    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run this test with -Pproduction");
        }
        return value;
    }

    private static void run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
