package dev.rewind.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * A Rewind server sharing the ledger: its name ({@code jboss.node.name}), its host, when it started and last
 * recorded a heartbeat, whether that heartbeat is recent enough for it to count as running, and whether it is
 * the node that answered.
 */
public record NodeView(String name, String host, Instant startedAt, Instant heartbeatAt, boolean live, boolean self)
        implements Serializable {
}
