package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.broker.BrokerQueues;
import dev.rewind.consume.Consumed;
import dev.rewind.example.Accounts;
import dev.rewind.ledger.Status;
import dev.rewind.query.EntryQueries;
import dev.rewind.query.EntryView;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
        return Deployments.earWithTests(OutageIT.class, ConsumptionProbe.class, Await.class, Bank.class);
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
        Load load = send(2_000);
        Await.until("a tenth is handled", DRAIN, () -> probe.countWithOutcome(load.ids, Consumed.Outcome.HANDLED),
                n -> n >= 200);

        run(Map.of(), property("rewind.test.broker.instance") + "/bin/artemis-service", "force-stop");
        long handledBeforeKill = probe.countWithOutcome(load.ids, Consumed.Outcome.HANDLED);
        TimeUnit.SECONDS.sleep(3);
        run(Map.of(), "bash", property("rewind.test.broker.script"), "start", property("rewind.test.broker.instance"));

        assertTrue(handledBeforeKill < load.ids.size(), "the broker was killed while messages were in flight");
        load.assertEachHandledOnce();
        assertEquals(deadLettered, broker.count("rewind.DLQ"), "nothing was dead-lettered");
    }

    @Test
    void theDatabaseStoppedDuringALoadKeepsMessagesQueuedUntilItIsBack() throws Exception {
        long deadLettered = broker.count("rewind.DLQ");
        Load load = send(1_000);
        Await.until("a tenth is handled", DRAIN, () -> probe.countWithOutcome(load.ids, Consumed.Outcome.HANDLED),
                n -> n >= 100);

        Map<String, String> database = Map.of("PGPORT", property("rewind.test.db.port"));
        run(database, "bash", property("rewind.test.db.control"), "pause");
        long waiting;
        try {
            TimeUnit.SECONDS.sleep(5);
            long handledWhileDown = probe.countWithOutcome(load.ids, Consumed.Outcome.HANDLED);
            TimeUnit.SECONDS.sleep(5);
            assertEquals(handledWhileDown, probe.countWithOutcome(load.ids, Consumed.Outcome.HANDLED),
                    "nothing commits while the database is down");
            waiting = broker.count("rewind.inbound");
            assertEquals(deadLettered, broker.count("rewind.DLQ"), "nothing is dead-lettered while the database is down");
        } finally {
            run(database, "bash", property("rewind.test.db.control"), "resume");
        }

        assertTrue(waiting > 0, "messages waited in the queue: " + waiting);
        load.assertEachHandledOnce();
        assertEquals(deadLettered, broker.count("rewind.DLQ"), "nothing was dead-lettered");
    }

    /** Random transfers among ten accounts, each with its expected final balance. */
    private Load send(int count) throws JMSException {
        Load load = new Load();
        for (int i = 0; i < 10; i++) {
            String account = bank.account("outage" + i, 1_000_000);
            load.accounts.add(account);
            load.expected.put(account, 1_000_000L);
        }
        Random random = new Random(7);
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(10);
            int b = (a + 1 + random.nextInt(9)) % 10;
            long amount = 1 + random.nextInt(100);
            load.expected.merge(load.accounts.get(a), -amount, Long::sum);
            load.expected.merge(load.accounts.get(b), amount, Long::sum);
            UUID id = UUID.randomUUID();
            TextMessage message = bank.transfer(load.accounts.get(a), load.accounts.get(b), amount);
            message.setStringProperty("rewindId", id.toString());
            jms.createProducer().send(inbound, message);
            load.ids.add(id);
        }
        return load;
    }

    private final class Load {
        final List<UUID> ids = new ArrayList<>();
        final List<String> accounts = new ArrayList<>();
        final Map<String, Long> expected = new HashMap<>();

        void assertEachHandledOnce() {
            Await.until("every message is handled", DRAIN,
                    () -> probe.countWithOutcome(ids, Consumed.Outcome.HANDLED), n -> n == ids.size());
            for (UUID id : ids) {
                EntryView entry = entries.find(id).orElseThrow();
                assertEquals(Status.PROCESSED, entry.status(), id.toString());
                assertEquals(1, probe.outcomes(id).stream().filter(o -> o == Consumed.Outcome.HANDLED).count(),
                        "handled exactly once: " + id);
            }
            for (String account : accounts) {
                assertEquals(expected.get(account), bank.balance(account), "balance of " + account);
            }
        }
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
