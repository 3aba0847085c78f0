package dev.rewind.nodes;

import java.nio.charset.StandardCharsets;

/**
 * This server's node name: {@code jboss.node.name}, which {@code config/rewind-recovery.cli} also makes the
 * transaction manager's node identifier. The identifier goes into every transaction branch id, so it has to
 * be unique among the servers sharing the broker and the database (recovery on one node leaves the branches
 * of another alone only when their names differ) and stable across restarts (a restarted node recovers its
 * own branches by it). Narayana keeps at most 23 bytes of it.
 */
public final class NodeName {

    /** The transaction manager's limit for a node identifier, in UTF-8 bytes. */
    public static final int MAX_BYTES = 23;

    /** This server's name: in attempt rows, the node registry and job leases. */
    public static final String CURRENT = System.getProperty("jboss.node.name", "local");

    private NodeName() {
    }

    /** Why {@code name} cannot name a node, or null if it can. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "the node name is empty";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "the node name '" + name + "' is longer than " + MAX_BYTES
                    + " bytes, the transaction manager's limit for a node identifier";
        }
        return null;
    }
}
