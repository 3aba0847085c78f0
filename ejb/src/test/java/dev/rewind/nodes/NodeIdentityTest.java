package dev.rewind.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {

    @Test
    void aNodeNameFitsTheTransactionManagersTwentyThreeBytes() {
        assertNull(NodeName.problem("node-a"));
        assertNull(NodeName.problem("x".repeat(23)));
        assertTrue(NodeName.problem("x".repeat(24)).contains("longer than 23 bytes"));
        // Bytes, not characters: 12 two-byte characters are 24 bytes.
        assertTrue(NodeName.problem("é".repeat(12)).contains("longer than 23 bytes"));
        assertTrue(NodeName.problem(" ").contains("empty"));
        assertTrue(NodeName.problem(null).contains("empty"));
    }

    @Test
    void aServerKeepsItsIdAcrossRestartsAndACopiedServerGetsItsOwn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/data/rewind/server-id");
        String first = ServerIdentity.in(file);
        assertEquals(first, ServerIdentity.in(file), "the same folder, restarted: the same server");

        Path copy = dir.resolve("b/data/rewind/server-id");
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
        String copied = ServerIdentity.in(copy);
        assertNotEquals(first, copied, "a copied server directory is another server");
        assertEquals(copied, ServerIdentity.in(copy));

        Files.writeString(file, "not an id\n");
        assertNotEquals(first, ServerIdentity.in(file), "an unreadable id is replaced");
    }

    @Test
    void aNodeIsLiveWhileItsHeartbeatIsRecent() {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        RegisteredNode node = new RegisteredNode("node-a", "id", "host", now.minusSeconds(29));
        assertTrue(node.live(now, Duration.ofSeconds(30)));
        assertTrue(!node.live(now.plusSeconds(1), Duration.ofSeconds(30)));
    }
}
