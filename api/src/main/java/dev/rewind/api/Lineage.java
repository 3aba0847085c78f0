package dev.rewind.api;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * The causal tree around one message: the chain of its causes up to the root (root first, the message itself
 * not included), and the message with everything it caused, down to the leaves.
 *
 * @param size the number of nodes in {@code causes} and {@code entry}'s tree together
 */
public record Lineage(UUID id, List<LineageNode> causes, LineageNode entry, int size) implements Serializable {

    /** The deepest lineage served: causes above the message, and levels below it, each. */
    public static final int MAX_DEPTH = 32;
    /** The most messages one message may have caused for its lineage (or a cascading revoke) to be served. */
    public static final int MAX_CHILDREN = 500;
    /** The most messages in one lineage or cascading revoke. */
    public static final int MAX_NODES = 2000;
}
