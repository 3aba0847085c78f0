package dev.rewind.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Which server holds a node name: a random id kept in the server's data folder, next to its transaction
 * log. A server restarted after a crash finds its own id and takes its name back at once (its last
 * heartbeat may still look live); another server under the same name has another id and is refused.
 * The file also records the folder it was made for, so a copied server directory gets an id of its own.
 */
final class ServerIdentity {

    private ServerIdentity() {
    }

    /** This server's id, made on first use. */
    static String current() {
        String data = System.getProperty("jboss.server.data.dir");
        if (data == null) {
            return UUID.randomUUID().toString(); // not in a server (a unit test): an id for this run
        }
        return in(Path.of(data).resolve("rewind").resolve("server-id"));
    }

    /** The id kept in {@code file}, or a new one written there when the file is missing or was copied. */
    static String in(Path file) {
        try {
            String folder = file.getParent().toAbsolutePath().normalize().toString();
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && lines.get(1).equals(folder) && parses(lines.get(0))) {
                    return lines.get(0);
                }
            }
            String id = UUID.randomUUID().toString();
            Files.createDirectories(file.getParent());
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), id + "\n" + folder + "\n",
                    StandardCharsets.UTF_8);
            Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the server's id in " + file, e);
        }
    }

    private static boolean parses(String id) {
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
