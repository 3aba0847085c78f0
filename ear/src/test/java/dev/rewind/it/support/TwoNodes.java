package dev.rewind.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.sender.RewindSender;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Two Rewind nodes on one broker and one PostgreSQL ledger, each a process a test can kill -9: the test
 * server as node-a (port offset 100) and a copy of it in {@code target/server-node-b} as node-b (offset
 * 200), with the EAR in both deployment folders and an empty ledger database of their own. Invariants are
 * read from the ledger's database ({@link LedgerDatabase}) and the example's accounts, not from one node.
 */
public final class TwoNodes implements AutoCloseable {

    public final CrashServer a;
    public final CrashServer b;
    public final LedgerDatabase ledger;
    private final Http http = new Http();
    private final Random random;
    private final String run;

    /** {@code database}: the one the servers are started on (-Drewind.db.name in rewind.test.server-args). */
    public TwoNodes(String database, String run) throws IOException, InterruptedException {
        Path testServer = Path.of(System.getProperty("jboss.home"));
        CrashServer.freshDatabase(database);
        this.ledger = new LedgerDatabase(database);
        this.run = run;
        this.random = new Random(run.hashCode());
        this.a = new CrashServer(testServer, 100, "node-a");
        a.deploy();
        this.b = new CrashServer(copyOf(testServer, testServer.getParent().getParent().resolve("server-node-b")), 200,
                "node-b");
        b.deploy();
    }

    public Random random() {
        return random;
    }

    /** The node that is not {@code node}. */
    public CrashServer other(CrashServer node) {
        return node == a ? b : a;
    }

    /** The names of the nodes {@code node} lists as live. */
    public Set<String> liveNodes(CrashServer node) {
        HttpResponse<String> response = http.get(node.api() + "/nodes", "viewer");
        assertEquals(200, response.statusCode(), response.body());
        return ((JsonArray) Http.json(response.body())).stream().map(JsonValue::asJsonObject)
                .filter(n -> n.getBoolean("live")).map(n -> n.getString("name")).collect(Collectors.toSet());
    }

    /** Waits until every one of {@code ids} has an entry in one of {@code statuses}; returns their statuses. */
    public Map<UUID, String> awaitSettled(List<UUID> ids, Set<String> statuses, Duration timeout) {
        try {
            return Await.until(ids.size() + " entries settle in " + statuses, timeout, () -> statuses(ids),
                    found -> found.size() == ids.size() && found.values().stream().allMatch(statuses::contains));
        } catch (AssertionError late) {
            List<UUID> unsettled = statuses(ids).entrySet().stream().filter(e -> !statuses.contains(e.getValue()))
                    .map(Map.Entry::getKey).limit(5).toList();
            throw new AssertionError(late.getMessage() + explain(unsettled), late);
        }
    }

    /** Waits until none of {@code ids} is in {@code status}; on timeout, says where the first five stand. */
    public void awaitNone(List<UUID> ids, String status, Duration timeout) {
        try {
            Await.until("nothing is left " + status, timeout, () -> count(ids, status), n -> n == 0);
        } catch (AssertionError late) {
            List<UUID> left = statuses(ids).entrySet().stream().filter(e -> status.equals(e.getValue()))
                    .map(Map.Entry::getKey).limit(5).toList();
            throw new AssertionError(late.getMessage() + explain(left), late);
        }
    }

    /**
     * What the ledger, the broker and both nodes' transaction logs say of these entries: a wait that failed on
     * CI names what it waited for, where it stood, and what could have held it.
     */
    public String explain(List<UUID> ids) {
        StringBuilder out = new StringBuilder("\nwhere they stand:").append(ledger.describe(ids));
        for (String queue : List.of("rewind.inbound", "rewind.compensation", "rewind.DLQ")) {
            for (UUID id : ids) {
                try {
                    out.append("\n  ").append(queue).append(" shows ").append(DeadLetters.count(queue, List.of(id)))
                            .append(" of ").append(id);
                } catch (RuntimeException e) {
                    out.append("\n  ").append(queue).append(": ").append(e.getMessage());
                }
            }
        }
        for (CrashServer node : new CrashServer[] {a, b}) {
            try {
                out.append("\n  transaction log of ").append(node.home().getFileName()).append(": ")
                        .append(node.loggedTransactions());
            } catch (IOException | RuntimeException e) {
                out.append("\n  transaction log of ").append(node.home().getFileName()).append(": ").append(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!ids.isEmpty()) {
                out.append("\n  ").append(node.home().getFileName()).append("'s log of ").append(ids.get(0)).append(':');
                try (var lines = Files.lines(node.home().resolve("standalone/log/server.log"),
                        StandardCharsets.ISO_8859_1)) {
                    lines.filter(line -> line.contains(ids.get(0).toString())).limit(20)
                            .forEach(line -> out.append("\n    ").append(line, 0, Math.min(line.length(), 400)));
                } catch (IOException | UncheckedIOException e) {
                    out.append(' ').append(e);
                }
            }
        }
        return out.toString();
    }

    public Map<UUID, String> statuses(List<UUID> ids) {
        try {
            return ledger.statuses(ids);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(List<UUID> ids, String status) {
        return statuses(ids).values().stream().filter(status::equals).count();
    }

    /**
     * Waits until neither node's transaction log keeps a transaction (recovery resolved every branch a killed
     * node left prepared); returns what is left after {@code timeout} (empty when all is resolved).
     */
    public List<String> awaitEmptyTransactionLogs(Duration timeout) {
        List<String> left = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CrashServer node : new CrashServer[] {a, b}) {
            List<String> logged;
            do {
                logged = loggedTransactions(node);
                if (!logged.isEmpty()) {
                    sleep(Duration.ofSeconds(2));
                }
            } while (!logged.isEmpty() && System.nanoTime() < deadline);
            logged.forEach(t -> left.add(node.home().getFileName() + ": " + t));
        }
        return left;
    }

    private static List<String> loggedTransactions(CrashServer node) {
        try {
            return node.loggedTransactions();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Accounts accounts(String name, int size, long opening) {
        return new Accounts(name, size, opening);
    }

    /** Accounts of the example domain, the transfers sent between them, and the balances they must end with. */
    public final class Accounts {

        private final List<String> names = new ArrayList<>();
        private final Map<UUID, long[]> transfers = new ConcurrentHashMap<>(); // id -> {from, to, amount}
        private final long opening;

        Accounts(String name, int size, long opening) {
            this.opening = opening;
            List<UUID> opened = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String account = name + i + "-" + run;
                names.add(account);
                HttpResponse<String> response = http.post(a.api() + "/messages", "operator", "{\"type\":\"account.opened\","
                        + "\"body\":{\"id\":\"" + account + "\",\"balance\":" + opening + "},\"reason\":\"cluster test\"}");
                assertEquals(201, response.statusCode(), response.body());
                opened.add(UUID.fromString(Http.object(response).getString("id")));
            }
            awaitSettled(opened, Set.of("PROCESSED"), Duration.ofSeconds(120));
        }

        public RewindSender sender() {
            return new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw");
        }

        public List<UUID> sendTransfers(int count) {
            List<UUID> ids = new ArrayList<>();
            try (RewindSender sender = sender()) {
                for (int i = 0; i < count; i++) {
                    ids.add(sendTransfer(sender));
                }
            }
            return ids;
        }

        public UUID sendTransfer(RewindSender sender) {
            int from = random.nextInt(names.size());
            int to = (from + 1 + random.nextInt(names.size() - 1)) % names.size();
            long amount = 1 + random.nextInt(100);
            UUID id = UUID.randomUUID();
            transfers.put(id, new long[] {from, to, amount});
            sender.send("transfer.requested", "{\"from\":\"" + names.get(from) + "\",\"to\":\"" + names.get(to)
                    + "\",\"amount\":" + amount + "}", id);
            return id;
        }

        /** The accounts whose balance is not their opening balance moved by every transfer but the {@code undone}. */
        public List<String> wrongBalances(Set<UUID> undone, CrashServer node) {
            Map<String, Long> expected = new HashMap<>();
            names.forEach(account -> expected.put(account, opening));
            transfers.forEach((id, t) -> {
                if (!undone.contains(id)) {
                    expected.merge(names.get((int) t[0]), -t[2], Long::sum);
                    expected.merge(names.get((int) t[1]), t[2], Long::sum);
                }
            });
            List<String> wrong = new ArrayList<>();
            for (String account : names) {
                long balance = http.getJson(node.accounts() + "/" + account, "viewer").getJsonNumber("balance").longValue();
                if (balance != expected.get(account)) {
                    wrong.add(account + " holds " + balance + ", expected " + expected.get(account));
                }
            }
            return wrong;
        }

        /** Each account holds its opening balance moved by every transfer except the {@code undone} ones. */
        public void assertBalances(Set<UUID> undone) {
            assertEquals(List.of(), wrongBalances(undone, random.nextBoolean() ? a : b));
        }
    }

    private static Path copyOf(Path server, Path copy) throws IOException, InterruptedException {
        if (Files.exists(copy)) {
            run("rm", "-rf", copy.toString());
        }
        run("cp", "-a", server.toString(), copy.toString());
        // Its own data (transaction log, server id), logs and temporary files: another server, configured the same.
        for (String folder : List.of("standalone/data", "standalone/log", "standalone/tmp")) {
            run("rm", "-rf", copy.resolve(folder).toString());
        }
        return copy;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    @Override
    public void close() throws Exception {
        a.close();
        b.close();
    }
}
