package dev.rewind.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test server run as a plain process, so a test can kill it: started with {@code standalone.sh}, the EAR
 * deployed by the deployment scanner (it survives restarts), killed with SIGKILL.
 *
 * <p>It runs with a Byteman agent whose one rule halts the JVM as the transaction manager asks the broker to
 * commit a prepared branch, while a file exists ({@link #armHalt()}): the moment after the ledger has
 * committed and before the broker has. Killing from outside lands there only by chance.
 */
final class CrashServer implements AutoCloseable {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Duration HALT = Duration.ofSeconds(60);

    private final Path home = Path.of(System.getProperty("jboss.home"));
    private final Path log = home.resolve("standalone/log/crash-server.out");
    private final Path armed = home.resolve("standalone/tmp/rewind-halt-at-broker-commit");
    private final Path rule = home.resolve("standalone/tmp/rewind-halt.btm");
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    /** Copies the EAR into the deployment folder; every start deploys it. */
    void install() throws IOException {
        Path deployments = home.resolve("standalone/deployments");
        try (var old = Files.list(deployments)) {
            for (Path marker : old.filter(p -> p.getFileName().toString().startsWith("rewind.ear.")).toList()) {
                Files.delete(marker);
            }
        }
        Files.copy(Path.of(System.getProperty("rewind.test.ear")), deployments.resolve("rewind.ear"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(rule.getParent());
        Files.deleteIfExists(armed);
        // Phase two of a two-phase commit (onePhase false) on the broker's session: in Rewind's transactions
        // the ledger (the commit-markable resource) has committed by then.
        Files.writeString(rule, String.join("\n",
                "RULE halt before the broker commits a prepared branch",
                "CLASS org.apache.activemq.artemis.core.client.impl.ClientSessionImpl",
                "METHOD commit(javax.transaction.xa.Xid, boolean)",
                "AT ENTRY",
                "BIND armed : java.io.File = new java.io.File(\"" + armed + "\")",
                "IF !$2 AND armed.exists()",
                "DO traceln(\"rewind crash test: halting before the broker commits \" + $1);",
                "   Runtime.getRuntime().halt(137)",
                "ENDRULE", ""));
    }

    /** The next two-phase commit on the broker halts the server; {@link #awaitHalt()} waits for it. */
    void armHalt() throws IOException {
        Files.writeString(armed, "armed");
    }

    /** Waits until the armed rule has halted the server, and disarms it for the next start. */
    void awaitHalt() throws IOException, InterruptedException {
        try {
            // standalone.sh waits for its JVM and ends with it.
            if (!process.waitFor(HALT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not halt at a broker commit within " + HALT + "; see " + log);
            }
        } finally {
            Files.deleteIfExists(armed);
        }
    }

    /** Starts the server and waits until the admin API answers; returns when that was. */
    long start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-full.xml", "-Djboss.socket.binding.port-offset=" + Http.OFFSET));
        command.addAll(Arrays.stream(System.getProperty("rewind.test.server-args", "").trim().split("\\s+"))
                .filter(a -> !a.isBlank()).toList());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_OPTS", "-Xms512m -Xmx1g -Djava.net.preferIPv4Stack=true"
                + " -javaagent:" + bytemanJar() + "=script:" + rule
                + " -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true");
        process = builder.start();
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

    private static Path bytemanJar() {
        try {
            return Path.of(org.jboss.byteman.agent.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(Http.API + "/stats"))
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

    /** kill -9 of the server's JVM. */
    void kill() throws InterruptedException {
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
