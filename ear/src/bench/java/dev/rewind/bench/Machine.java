package dev.rewind.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** What the figures ran on: the machine, the database, the broker, and the disk's sync rate. */
final class Machine {

    private Machine() {
    }

    static JsonObject describe(DataSource database) throws SQLException, IOException {
        String databaseName;
        try (Connection connection = database.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            databaseName = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        }
        String broker = System.getProperty("rewind.broker.management-url") == null
                ? "Artemis (embedded in WildFly)"
                : "Artemis 2.44.0 standalone at " + System.getProperty("rewind.broker.management-url");
        return Json.createObjectBuilder()
                .add("cpu", line("/proc/cpuinfo", "model name").orElse("unknown"))
                .add("cores", Runtime.getRuntime().availableProcessors())
                .add("memory", line("/proc/meminfo", "MemTotal").orElse("unknown"))
                .add("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .add("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                .add("server", "WildFly 39.0.1.Final, standalone-full, -Xmx2g")
                .add("database", databaseName)
                .add("broker", broker)
                .build();
    }

    /** The disk's fdatasync rate by pg_test_fsync (PostgreSQL's tool), or -1 when it is not installed. */
    static double fsyncPerSecond() throws IOException, InterruptedException {
        Optional<Path> tool;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            tool = versions.map(v -> v.resolve("bin/pg_test_fsync")).filter(Files::isExecutable)
                    .max(Comparator.naturalOrder());
        } catch (IOException noPostgres) {
            return -1;
        }
        if (tool.isEmpty()) {
            return -1;
        }
        Path file = Files.createTempFile("rewind-fsync", ".tmp");
        Process process = new ProcessBuilder(tool.get().toString(), "-s", "2", "-f", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(2, TimeUnit.MINUTES);
        Files.deleteIfExists(file);
        // "Compare file sync methods using one 8kB write": the first fdatasync line is the one a commit pays.
        Matcher m = Pattern.compile("fdatasync\\s+([0-9.]+) ops/sec").matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static Optional<String> line(String file, String key) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }
}
