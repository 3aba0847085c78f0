package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.BulkKind;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EntryFilter;
import dev.rewind.api.EntryView;
import dev.rewind.api.JobState;
import dev.rewind.api.JobView;
import dev.rewind.api.LineageNode;
import dev.rewind.api.RewindRemote;
import dev.rewind.api.Status;
import dev.rewind.it.support.Await;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.ExampleClient;
import dev.rewind.it.support.TestSupportRemote;
import dev.rewind.it.support.RemoteEjb;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * From remote EJB clients, as other applications: the client example with nothing but rewind-api and the
 * EJB client on its class path, a single replay, and a bulk job that the server's restart (a reload of the
 * whole server) interrupts and that finishes afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BulkRestartIT {

    private static final int OFFSET = Integer.getInteger("rewind.test.port-offset", 100);

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

    /**
     * The client example run as its own JVM whose class path is rewind-api and the WildFly EJB client only:
     * every call a client makes works, and every refusal arrives as the documented exception.
     */
    @Test
    void aClientWithOnlyTheApiJarAndTheEjbClientCallsEveryOperationAndGetsTheDocumentedRefusals() throws Exception {
        support(s -> s.purge(BulkIT.PARKING));
        String marker = "slim-" + run;
        List<UUID> failed = support(s -> s.seedFailed(4, marker, "x", "y"));
        UUID processed = support(s -> s.seedProcessed(1, java.time.Instant.now())).get(0);
        UUID unknown = UUID.randomUUID();

        List<String> out = slimClient("operator", "operator-pw",
                "entry", failed.get(0).toString(),
                "replay", failed.get(0).toString(), BulkIT.PARKING, "replayed by a slim client",
                "revoke", failed.get(1).toString(), "revoked by a slim client",
                "dry-run", marker,
                "replay-failed", marker, BulkIT.PARKING, "bulk from a slim client",
                "replay", processed.toString(), "-", "not forced",
                "entry", unknown.toString(),
                "job", "987654321",
                "replay", failed.get(3).toString(), "-", " ");

        assertEquals(9, out.size(), String.join("\n", out));
        assertEquals("entry OK " + failed.get(0) + " FAILED replays=0 attempts=1", out.get(0));
        assertEquals("replay OK " + failed.get(0) + " REPLAYING replays=1 attempts=1", out.get(1));
        assertEquals("revoke OK " + failed.get(1) + " REVOKED replays=0 attempts=1", out.get(2));
        assertEquals("dry-run OK dry-run null total=2 done=0", out.get(3), "the two entries still FAILED");
        assertTrue(out.get(4).matches("replay-failed OK job \\d+ RUNNING total=2 done=\\d"), out.get(4));
        assertTrue(out.get(5).startsWith("replay REFUSED ReplayRefusedException: "), out.get(5));
        assertEquals("entry REFUSED UnknownMessageException: no message " + unknown + " in the ledger", out.get(6));
        assertTrue(out.get(7).startsWith("job REFUSED UnknownJobException: "), out.get(7));
        assertEquals("replay REFUSED InvalidRequestException: a reason is required: it is recorded in the message's history",
                out.get(8));
        long job = Long.parseLong(out.get(4).split(" ")[3]);
        assertEquals(JobState.COMPLETED, Await.until("the slim client's job completes", Duration.ofMinutes(1),
                () -> rewind(r -> r.job(job)), j -> j.state() != JobState.RUNNING).state());
        assertEquals(Map.of("REPLAYING", 3L, "REVOKED", 1L, "replays=0", 1L, "replays=1", 3L), support(s -> s.stats(failed)));
        EntryView byClient = rewind(r -> r.entry(failed.get(0)));
        assertEquals("operator", byClient.history().get(byClient.history().size() - 1).actor());

        List<String> asViewer = slimClient("viewer", "viewer-pw", "revoke", failed.get(2).toString(), "not allowed");
        assertEquals(1, asViewer.size(), String.join("\n", asViewer));
        assertTrue(asViewer.get(0).startsWith("revoke REFUSED EJBAccessException: "), asViewer.get(0));
        assertEquals(Status.REPLAYING, rewind(r -> r.entry(failed.get(2))).status(), "the viewer changed nothing");
        assertEquals(Status.REPLAYING, rewind(r -> r.entry(failed.get(3))).status(), "replayed by the job, not by the refused call");
        support(s -> s.purge(BulkIT.PARKING));
    }

    /**
     * The client example on lineage, the cascading revoke and four-eyes approval: a transfer with its fee and
     * notification, its tree read, its cascade planned, asked for (held: notification.requested is on the test
     * server's approval list), approved by another user, and everything taken back; a second decision is refused.
     */
    @Test
    void aClientWithOnlyTheApiJarTakesBackATransferAndWhatItCausedWithFourEyes() throws Exception {
        ExampleClient example = new ExampleClient(run);
        String alice = example.open("slim-alice", 10_000);
        String bob = example.open("slim-bob", 0);
        UUID transfer = example.transferWithFeeAndNotification(alice, bob, 1000, 50, "slim " + run);
        example.awaitEntry(transfer, e -> "PROCESSED".equals(e.getString("status"))); // its lineage exists from then
        Await.until("the transfer, its fee and its notification are processed", ExampleClient.WAIT,
                () -> rewind(r -> r.lineage(transfer)), lineage -> lineage.size() == 3
                        && statuses(lineage.entry()).equals(Set.of(Status.PROCESSED)));

        List<String> out = slimClient("operator", "operator-pw",
                "lineage", transfer.toString(),
                "plan-revoke", transfer.toString(),
                "revoke-cascade", transfer.toString(), "taken back by a slim client",
                "approvals");

        assertEquals(4, out.size(), String.join("\n", out));
        String children = "(fee\\.charged:PROCESSED,notification\\.requested:PROCESSED"
                + "|notification\\.requested:PROCESSED,fee\\.charged:PROCESSED)";
        assertTrue(out.get(0).matches("lineage OK " + transfer + " causes=0 size=3 transfer\\.requested:PROCESSED\\("
                + children + "\\)"), out.get(0));
        String steps = "steps=3 (?:fee\\.charged|notification\\.requested):COMPENSATE,(?:fee\\.charged|notification\\.requested)"
                + ":COMPENSATE,transfer\\.requested:COMPENSATE";
        assertTrue(out.get(1).matches("plan-revoke OK dry-run " + transfer + " " + steps), out.get(1));
        Matcher held = Pattern.compile("revoke-cascade OK " + transfer + " " + steps + " awaiting-approval=(?<approval>\\d+)")
                .matcher(out.get(2));
        assertTrue(held.matches(), out.get(2));
        String approval = held.group("approval");
        assertTrue(out.get(3).startsWith("approvals OK ") && out.get(3).contains(" " + approval + ":REVOKE:operator"),
                out.get(3));
        assertEquals(Set.of(Status.PROCESSED), statuses(rewind(r -> r.lineage(transfer)).entry()), "nothing before approval");

        List<String> decided = slimClient("lead", "lead-pw",
                "approve", approval, "checked by a slim client",
                "reject", approval, "too late");
        assertEquals(List.of("approve OK approval " + approval + " APPROVED by=lead"), decided.subList(0, 1));
        assertTrue(decided.get(1).startsWith("reject REFUSED "), decided.get(1));
        Await.until("the transfer and what it caused are revoked", ExampleClient.WAIT,
                () -> statuses(rewind(r -> r.lineage(transfer)).entry()), s -> s.equals(Set.of(Status.REVOKED)));
        assertEquals(10_000, example.balance(alice));
        assertEquals(0, example.balance(bob));
    }

    private static Set<Status> statuses(LineageNode node) {
        Set<Status> all = new HashSet<>(Set.of(node.status()));
        node.children().forEach(child -> all.addAll(statuses(child)));
        return all;
    }

    /** Runs the client example in a JVM of its own, with the class path its Maven module resolved. */
    private static List<String> slimClient(String user, String password, String... commands) throws Exception {
        String classPath = System.getProperty("rewind.test.client.jar") + java.io.File.pathSeparator
                + java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("rewind.test.client.classpath"))).trim();
        List<String> command = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "dev.rewind.client.example.RemoteClient"));
        command.addAll(List.of(commands));
        java.nio.file.Path errors = java.nio.file.Files.createTempFile("slim-client", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().put("REWIND_URL", "remote+http://localhost:" + (8080 + OFFSET));
        builder.environment().put("REWIND_USER", user);
        builder.environment().put("REWIND_PASSWORD", password);
        Process client = builder.start();
        List<String> lines = new String(client.getInputStream().readAllBytes()).lines().toList();
        assertTrue(client.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the client finished");
        String stderr = java.nio.file.Files.readString(errors);
        java.nio.file.Files.delete(errors);
        assertEquals(0, client.exitValue(), String.join("\n", lines) + "\n" + stderr);
        return lines;
    }

    @Test
    void aJobInterruptedByARestartFinishesWithoutReplayingAnythingTwice() throws Exception {
        support(s -> s.purge(BulkIT.PARKING));
        String marker = "restart-" + run;
        List<UUID> ids = support(s -> s.seedFailed(10_000, marker, "x", "y"));
        EntryFilter filter = new EntryFilter(Status.FAILED, null, null, null, null, marker);
        JobView held = rewind(r -> r.startBulk(new BulkRequest(BulkKind.REPLAY, filter, "restart test", false,
                BulkIT.PARKING, 1_500, 100, false)));
        assertEquals(JobState.AWAITING_APPROVAL, held.state(), "10,000 entries: held for approval by the default policy");
        RemoteEjb.rewind("approver", r -> r.approve(held.approval().id(), "four eyes in BulkRestartIT"));
        JobView started = rewind(r -> r.job(held.id()));
        assertEquals(JobState.RUNNING, started.state());
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

    private static <T> T rewind(Function<RewindRemote, T> call) {
        return RemoteEjb.rewind("operator", call);
    }

    private static <T> T support(Function<TestSupportRemote, T> call) {
        return RemoteEjb.support(call);
    }
}
