package dev.rewind.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * The test server run as a plain process, so a test can kill it: started with {@code standalone.sh}, the EAR
 * deployed by the deployment scanner (it survives restarts), killed with SIGKILL.
 *
 * <p>It runs with a Byteman agent whose rules halt the JVM at one of the two moments that matter, while the
 * test has armed it ({@link #armHalt}): after the ledger's one-phase commit and before the transaction log
 * is written ({@link Halt#AFTER_LEDGER_COMMIT}), or when the transaction manager asks the broker to commit
 * its prepared branch, the log written ({@link Halt#AT_BROKER_COMMIT}). Killing from outside lands there
 * only by chance.
 */
public final class CrashServer implements AutoCloseable {

    private static final Duration BOOT = Duration.ofSeconds(300);
    private static final Duration HALT = Duration.ofSeconds(60);

    private final Path home;
    private final int offset;
    private final String node;
    private final Path log;
    private final Path rule;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    /** The test server (jboss.home) as node {@code rewind-crash}, at the tests' port offset. */
    public CrashServer() {
        this(Path.of(System.getProperty("jboss.home")), Http.OFFSET, "rewind-crash");
    }

    /** The server in {@code home} at port offset {@code offset}, started as node {@code node}. */
    public CrashServer(Path home, int offset, String node) {
        this.home = home;
        this.offset = offset;
        this.node = node;
        this.log = home.resolve("standalone/log/crash-server.out");
        this.rule = home.resolve("standalone/tmp/rewind-halt.btm");
    }

    /** Empties (drops and creates) the ledger database {@code name} on the test's PostgreSQL. */
    public static void freshDatabase(String name) throws IOException, InterruptedException {
        ProcessBuilder fresh = new ProcessBuilder("bash", System.getProperty("rewind.test.db.control"), "fresh-database",
                name).inheritIO();
        fresh.environment().put("PGPORT", System.getProperty("rewind.test.db.port"));
        if (fresh.start().waitFor() != 0) {
            throw new IllegalStateException("could not create the test database " + name);
        }
    }

    /** Puts the EAR into the deployment folder (every start deploys it), on an empty ledger database of its own. */
    public void install() throws IOException, InterruptedException {
        freshDatabase("rewind_crash");
        deploy();
    }

    /** Puts the EAR into the deployment folder: every start deploys it. */
    public void deploy() throws IOException {
        Path deployments = home.resolve("standalone/deployments");
        try (var old = Files.list(deployments)) {
            for (Path marker : old.filter(p -> p.getFileName().toString().startsWith("rewind.ear.")).toList()) {
                Files.delete(marker);
            }
        }
        // The product EAR with the example added, as the Arquillian suite deploys it.
        Deployments.ear().as(ZipExporter.class).exportTo(deployments.resolve("rewind.ear").toFile(), true);
        Files.createDirectories(rule.getParent());
        for (Halt halt : Halt.values()) {
            Files.deleteIfExists(armed(halt));
        }
        Files.writeString(rule, String.join("\n",
                // The ledger (a last resource) commits in the transaction manager's prepare phase; the log follows.
                "RULE halt after the ledger's commit, before the transaction log",
                "CLASS com.arjuna.ats.internal.arjuna.abstractrecords.LastResourceRecord",
                "METHOD topLevelPrepare",
                "AT EXIT",
                "BIND armed : java.io.File = new java.io.File(\"" + armed(Halt.AFTER_LEDGER_COMMIT) + "\")",
                "IF armed.exists()",
                "DO traceln(\"rewind crash test: halting after the ledger's commit\");",
                "   Runtime.getRuntime().halt(137)",
                "ENDRULE",
                // Phase two of a two-phase commit (onePhase false) on the broker's session.
                "RULE halt before the broker commits a prepared branch",
                "CLASS org.apache.activemq.artemis.core.client.impl.ClientSessionImpl",
                "METHOD commit(javax.transaction.xa.Xid, boolean)",
                "AT ENTRY",
                "BIND armed : java.io.File = new java.io.File(\"" + armed(Halt.AT_BROKER_COMMIT) + "\")",
                "IF !$2 AND armed.exists()",
                "DO traceln(\"rewind crash test: halting before the broker commits \" + $1);",
                "   Runtime.getRuntime().halt(137)",
                "ENDRULE", ""));
    }

    /** Where the server is halted. */
    public enum Halt {
        AFTER_LEDGER_COMMIT, AT_BROKER_COMMIT
    }

    private Path armed(Halt halt) {
        return home.resolve("standalone/tmp/rewind-halt-" + halt.name().toLowerCase());
    }

    /** The next transaction to reach {@code halt} halts the server; {@link #awaitHalt()} waits for it. */
    public void armHalt(Halt halt) throws IOException {
        Files.writeString(armed(halt), "armed");
    }

    /** Waits until an armed rule has halted the server, and disarms both for the next start. */
    public void awaitHalt() throws IOException, InterruptedException {
        try {
            // standalone.sh waits for its JVM and ends with it.
            if (!process.waitFor(HALT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not halt within " + HALT + "; see " + log);
            }
        } finally {
            for (Halt halt : Halt.values()) {
                Files.deleteIfExists(armed(halt));
            }
        }
    }

    /** Starts the server and waits until the admin API answers; returns when that was. */
    public long start() throws IOException, InterruptedException {
        return start(node);
    }

    /** Starts the server as node {@code name} and waits until the admin API answers; returns when that was. */
    public long start(String name) throws IOException, InterruptedException {
        launch(name);
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped while starting; see " + log);
            }
            if (ready()) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("the server did not deploy Rewind within " + BOOT + "; see " + log);
    }

    /**
     * Starts the server as node {@code name} expecting Rewind's deployment to fail: returns the server's output
     * of this start once the server has finished starting (with the failed deployment), the API never having
     * answered. The process goes on running until {@link #kill()}.
     */
    public String startRefused(String name) throws IOException, InterruptedException {
        long from = Files.exists(log) ? Files.size(log) : 0;
        launch(name);
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready()) {
                throw new IllegalStateException("Rewind started as node " + name + " where it should have refused to");
            }
            String output = output(from);
            if (output.contains("WFLYSRV0026") || output.contains("WFLYSRV0025") || !process.isAlive()) {
                return output;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("the server did not finish starting within " + BOOT + "; see " + log);
    }

    private String output(long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The admin API's base address of this server. */
    public String api() {
        return "http://localhost:" + (8080 + offset) + "/rewind/api";
    }

    /** The example domain's accounts on this server. */
    public String accounts() {
        return "http://localhost:" + (8080 + offset) + "/rewind-example/api/accounts";
    }

    public Path home() {
        return home;
    }

    public int managementPort() {
        return 9990 + offset;
    }

    /**
     * The transactions in this server's transaction log, read with jboss-cli as an administrator would: a
     * probe of the log store, then its transactions (a transaction recovery has not finished shows there).
     */
    public List<String> loggedTransactions() throws IOException, InterruptedException {
        String store = "/subsystem=transactions/log-store=log-store";
        Process cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=localhost:" + managementPort(),
                "--commands=" + store + ":probe," + store + ":read-children-names(child-type=transactions)")
                .redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            throw new IllegalStateException("jboss-cli could not read the transaction log: " + output);
        }
        String names = output.substring(output.lastIndexOf("\"result\" =>") + 11).strip();
        if (names.startsWith("[]")) {
            return List.of();
        }
        return names.lines().map(String::strip).filter(l -> l.startsWith("\"")).map(l -> l.replaceAll("[\",]", ""))
                .toList();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    private void launch(String name) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-full.xml", "-Djboss.socket.binding.port-offset=" + offset, "-Djboss.node.name=" + name));
        command.addAll(Arrays.stream(System.getProperty("rewind.test.server-args", "").trim().split("\\s+"))
                .filter(a -> !a.isBlank()).toList());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_OPTS", "-Xms512m -Xmx1g -Djava.net.preferIPv4Stack=true"
                + " -javaagent:" + bytemanJar() + "=script:" + rule
                + " -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true");
        process = builder.start();
    }

    private static Path bytemanJar() {
        try {
            return Path.of(org.jboss.byteman.agent.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api() + "/stats"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("viewer:viewer-pw".getBytes()))
                    .timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the server as an init system would: SIGTERM to its JVM, which shuts down gracefully; waits for it. */
    public void stop() throws InterruptedException {
        List<ProcessHandle> jvm = process.descendants().toList();
        jvm.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : jvm) {
            child.onExit().orTimeout(120, TimeUnit.SECONDS).join();
        }
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** kill -9 of the server's JVM. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> jvm = process.descendants().toList(); // before the script dies and they are orphaned
        jvm.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : jvm) {
            child.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    /** Stops the server and takes the EAR out of the deployment folder, leaving the server as the build made it. */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            kill();
        }
        try (var left = Files.list(home.resolve("standalone/deployments"))) {
            for (Path file : left.filter(p -> p.getFileName().toString().startsWith("rewind.ear")).toList()) {
                Files.delete(file);
            }
        }
    }
}
