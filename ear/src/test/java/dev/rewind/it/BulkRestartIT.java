package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.jobs.BulkKind;
import dev.rewind.jobs.BulkRequest;
import dev.rewind.jobs.JobState;
import dev.rewind.jobs.JobView;
import dev.rewind.ledger.Status;
import dev.rewind.operations.RewindRemote;
import dev.rewind.query.EntryFilter;
import dev.rewind.query.EntryView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * From a plain remote EJB client, as another application: a single replay, and a bulk job that
 * the server's restart (a reload of the whole server) interrupts and that finishes afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BulkRestartIT {

    private static final int OFFSET = Integer.getInteger("rewind.test.port-offset", 100);
    private static final String REWIND = "ejb:rewind/rewind-ejb/RewindService!" + RewindRemote.class.getName();
    private static final String SUPPORT = "ejb:rewind/rewind-ejb/TestSupport!" + TestSupportRemote.class.getName();

    @ArquillianResource
    ManagementClient management;

    private final String run = Long.toString(System.nanoTime(), 36);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.withTestBeans(Deployments.ear());
    }

    @Test
    void aRemoteClientReplaysAMessageAndIsTheActor() {
        UUID id = support(s -> s.seedFailed(1, "remote-" + run, "x", "y")).get(0);
        EntryView replayed = rewind(r -> r.replay(id, "replayed from another server", BulkIT.PARKING, false));
        assertEquals(Status.REPLAYING, replayed.status());
        var last = replayed.history().get(replayed.history().size() - 1);
        assertEquals("operator", last.actor());
        assertEquals("replayed from another server", last.reason());
        support(s -> s.purge(BulkIT.PARKING));
    }

    @Test
    void aJobInterruptedByARestartFinishesWithoutReplayingAnythingTwice() throws Exception {
        support(s -> s.purge(BulkIT.PARKING));
        String marker = "restart-" + run;
        List<UUID> ids = support(s -> s.seedFailed(10_000, marker, "x", "y"));
        EntryFilter filter = new EntryFilter(Status.FAILED, null, null, null, null, marker);
        JobView started = rewind(r -> r.startBulk(new BulkRequest(BulkKind.REPLAY, filter, "restart test", false,
                BulkIT.PARKING, 1_500, 100, false)));
        Await.until("the job is under way", Duration.ofMinutes(2), () -> rewind(r -> r.job(started.id())),
                j -> j.done() >= 1_000);

        management.getControllerClient().execute(Operations.createOperation("reload"));
        Thread.sleep(2_000);
        Await.until("the server runs again", Duration.ofMinutes(2), this::running, up -> up);
        JobView interrupted = Await.until("the deployment answers", Duration.ofMinutes(2),
                () -> jobOrNull(started.id()), j -> j != null);
        JobView done = Await.until("the job completes after the restart", Duration.ofMinutes(3),
                () -> rewind(r -> r.job(started.id())), j -> j.state() != JobState.RUNNING);

        assertEquals(JobState.COMPLETED, done.state(), "was " + interrupted.done() + " done when the server came back");
        assertEquals(10_000, done.done());
        assertEquals(0, done.skipped(), "no entry was met twice");
        assertEquals(Map.of("REPLAYING", 10_000L, "replays=1", 10_000L), support(s -> s.stats(ids)));
        long parked = support(s -> s.queueCount(BulkIT.PARKING));
        assertEquals(10_000L, parked, "one message per entry");
        support(s -> s.purge(BulkIT.PARKING));
    }

    private boolean running() {
        try {
            return management.isServerInRunningState();
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private JobView jobOrNull(long id) {
        try {
            return rewind(r -> r.job(id));
        } catch (RuntimeException notYet) {
            return null;
        }
    }

    private <T> T rewind(Function<RewindRemote, T> call) {
        return remote(REWIND, RewindRemote.class, call);
    }

    private <T> T support(Function<TestSupportRemote, T> call) {
        return remote(SUPPORT, TestSupportRemote.class, call);
    }

    /** A fresh remote context per call, as a client that survives the server's restart does. */
    private static <R, T> T remote(String name, Class<R> type, Function<R, T> call) {
        Properties env = new Properties();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "org.wildfly.naming.client.WildFlyInitialContextFactory");
        env.put(Context.PROVIDER_URL, "remote+http://localhost:" + (8080 + OFFSET));
        env.put(Context.SECURITY_PRINCIPAL, "operator");
        env.put(Context.SECURITY_CREDENTIALS, "operator-pw");
        Context context = null;
        try {
            context = new InitialContext(env);
            return call.apply(type.cast(context.lookup(name)));
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException ignored) {
                    // closing a client context
                }
            }
        }
    }
}
