package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.it.support.CrashServer;
import dev.rewind.it.support.DeadLetters;
import dev.rewind.it.support.Http;
import dev.rewind.it.support.TwoNodes;
import dev.rewind.sender.RewindSender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The crash soak (bench/crash; not in CI): {@code cluster.soak} cycles (default 20) of "a load of transfers
 * and revokes on two nodes, kill -9 of a random node at a random moment, restart it, drain, check". Each
 * cycle prints what it found and the run prints the totals, also written to target/crash-soak.txt:
 * <ul>
 *   <li>lost: a transfer sent to the broker that never got an entry, or a revoke's compensation that never ran;</li>
 *   <li>duplicated: a handler's effect twice (handled twice, compensated twice, or more compensations than runs);</li>
 *   <li>stuck: an entry not PROCESSED or REVOKED after the drain (3 minutes), or a branch left in a transaction log;</li>
 *   <li>recovered: entries that needed a redelivery or a re-send to get there (the crash's work, done right);</li>
 *   <li>balances off, copies left in rewind.DLQ;</li>
 *   <li>the killed node's restart time, and the time from the kill until the cycle's entries all settled (the
 *       other node goes on consuming; what the killed one had prepared waits for its restart).</li>
 * </ul>
 * It fails if anything was lost, duplicated, stuck, off or left.
 */
class CrashSoakIT {

    private static final Duration DRAIN = Duration.ofMinutes(3);
    private static final String RUN = Long.toString(System.nanoTime(), 36);

    private final Http http = new Http();
    /** Transfers revoked in every cycle so far: the balances leave them out. */
    private final Set<UUID> undone = new HashSet<>();

    /** What one cycle found. */
    private record Cycle(int number, String killed, long killedAfterMs, int transfers, int revokes, int lost,
                         int duplicated, int stuck, int recovered, int balancesOff, long deadLettered, double restartS,
                         double drainedS) {

        boolean clean() {
            return lost == 0 && duplicated == 0 && stuck == 0 && balancesOff == 0 && deadLettered == 0;
        }

        String line() {
            return String.format("cycle %3d: killed %s after %5d ms | %4d transfers, %3d revokes | lost %d, duplicated %d,"
                            + " stuck %d, balances off %d, DLQ %d | recovered %3d | restart %5.1f s | settled %5.1f s after the kill",
                    number, killed, killedAfterMs, transfers, revokes, lost, duplicated, stuck, balancesOff, deadLettered,
                    recovered, restartS, drainedS);
        }
    }

    @Test
    void killARandomNodeAtARandomMomentAgainAndAgain() throws Exception {
        int cycles = Integer.getInteger("cluster.soak", 20);
        List<Cycle> results = new ArrayList<>();
        Path report = Path.of(System.getProperty("jboss.home")).getParent().getParent().resolve("crash-soak.txt");
        Files.writeString(report, "Crash soak, " + Instant.now() + ", " + cycles + " cycles\n");
        try (TwoNodes nodes = new TwoNodes("rewind_cluster", RUN)) {
            nodes.a.start();
            nodes.b.start();
            TwoNodes.Accounts accounts = nodes.accounts("soak", 10, 100_000_000);
            for (int i = 1; i <= cycles; i++) {
                Cycle cycle = cycle(i, nodes, accounts);
                results.add(cycle);
                System.out.println("CrashSoakIT " + cycle.line());
                Files.writeString(report, cycle.line() + "\n", java.nio.file.StandardOpenOption.APPEND);
            }
        }
        String total = totals(results);
        System.out.println("CrashSoakIT " + total);
        Files.writeString(report, total + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(results.stream().allMatch(Cycle::clean), total);
    }

    private Cycle cycle(int number, TwoNodes nodes, TwoNodes.Accounts accounts) throws Exception {
        Random random = nodes.random();
        CrashServer victim = random.nextBoolean() ? nodes.a : nodes.b;
        CrashServer survivor = nodes.other(victim);
        long killAfter = 200 + random.nextInt(3_000);
        AtomicBoolean killed = new AtomicBoolean();
        long[] killedAt = new long[1];
        Thread killer = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(killAfter);
                victim.kill();
                killedAt[0] = System.nanoTime();
                killed.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<UUID> ids = new ArrayList<>();
        Set<UUID> revoked = new HashSet<>();
        killer.start();
        try (RewindSender sender = accounts.sender()) {
            int afterKill = 0;
            while (!killed.get() || afterKill++ < 50) {
                ids.add(accounts.sendTransfer(sender));
                if (ids.size() % 4 == 0) {
                    UUID target = ids.get(random.nextInt(ids.size()));
                    CrashServer node = random.nextBoolean() ? victim : survivor;
                    if (revoked.add(target)) {
                        try {
                            http.post(node.api() + "/entries/" + target + "/revoke", "operator", "{\"reason\":\"soak\"}");
                        } catch (RuntimeException cut) {
                            // the node died under the call, or was dead already: the revoke may or may not be done
                        }
                    }
                }
            }
        }
        killer.join();
        long restarting = System.nanoTime();
        long restarted = victim.start();
        double restartS = (restarted - restarting) / 1e9;

        double drainedS;
        try {
            nodes.awaitSettled(ids, Set.of("PROCESSED", "REVOKED"), DRAIN);
            drainedS = (System.nanoTime() - killedAt[0]) / 1e9;
        } catch (AssertionError notAll) {
            drainedS = Double.NaN;
        }
        Map<UUID, String> statuses = nodes.statuses(ids);
        int lost = (int) ids.stream().filter(id -> !statuses.containsKey(id)).count();
        int stuck = (int) statuses.values().stream().filter(s -> !Set.of("PROCESSED", "REVOKED").contains(s)).count();
        int duplicated = 0;
        for (Map.Entry<UUID, int[]> e : nodes.ledger.handledAndCompensated(ids).entrySet()) {
            int handled = e.getValue()[0];
            int compensated = e.getValue()[1];
            if ("REVOKED".equals(statuses.get(e.getKey()))) {
                undone.add(e.getKey());
                if (handled > 1 || compensated != handled) {
                    duplicated++;
                }
            } else if (handled > 1 || compensated > 0) {
                duplicated++;
            } else if (handled == 0 && "PROCESSED".equals(statuses.get(e.getKey()))) {
                lost++; // PROCESSED without a run: its effect is missing
            }
        }
        stuck += nodes.awaitEmptyTransactionLogs(Duration.ofSeconds(60)).size();
        int balancesOff = accounts.wrongBalances(undone, survivor).size();
        long deadLettered;
        try {
            deadLettered = dev.rewind.it.support.Await.until("no copy of a settled entry is left in the DLQ",
                    Duration.ofSeconds(60), () -> DeadLetters.count(ids), n -> n == 0);
        } catch (AssertionError left) {
            deadLettered = DeadLetters.count(ids);
        }
        return new Cycle(number, victim == nodes.a ? "node-a" : "node-b", killAfter, ids.size(), revoked.size(), lost,
                duplicated, stuck, nodes.ledger.recovered(ids), balancesOff, deadLettered, restartS, drainedS);
    }

    private static String totals(List<Cycle> cycles) {
        double[] drained = cycles.stream().mapToDouble(Cycle::drainedS).filter(d -> !Double.isNaN(d)).sorted().toArray();
        double[] restart = cycles.stream().mapToDouble(Cycle::restartS).sorted().toArray();
        return String.format("TOTAL %d cycles (node-a killed %d, node-b %d): %d transfers, %d revokes | lost %d,"
                        + " duplicated %d, stuck %d, balances off %d, DLQ %d | recovered %d | restart median %.1f s,"
                        + " max %.1f s | settled after the kill: median %.1f s, p95 %.1f s, max %.1f s",
                cycles.size(), cycles.stream().filter(c -> c.killed().equals("node-a")).count(),
                cycles.stream().filter(c -> c.killed().equals("node-b")).count(),
                cycles.stream().mapToInt(Cycle::transfers).sum(), cycles.stream().mapToInt(Cycle::revokes).sum(),
                cycles.stream().mapToInt(Cycle::lost).sum(), cycles.stream().mapToInt(Cycle::duplicated).sum(),
                cycles.stream().mapToInt(Cycle::stuck).sum(), cycles.stream().mapToInt(Cycle::balancesOff).sum(),
                cycles.stream().mapToLong(Cycle::deadLettered).sum(), cycles.stream().mapToInt(Cycle::recovered).sum(),
                at(restart, 0.5), at(restart, 1.0), at(drained, 0.5), at(drained, 0.95), at(drained, 1.0));
    }

    private static double at(double[] sorted, double quantile) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
