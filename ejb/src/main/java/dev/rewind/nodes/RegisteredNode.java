package dev.rewind.nodes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** A node that announced itself in the ledger's database, and its last heartbeat. */
@Entity
@Table(name = "rewind_node")
public class RegisteredNode {

    @Id
    @Column(length = 64)
    private String name;

    @Column(name = "server_id", nullable = false, length = 36)
    private String serverId;

    @Column(length = 255)
    private String host;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "heartbeat_at", nullable = false)
    private Instant heartbeatAt;

    protected RegisteredNode() {
        // for JPA
    }

    RegisteredNode(String name, String serverId, String host, Instant now) {
        this.name = name;
        claimedBy(serverId, host, now);
    }

    /** The name now belongs to this server, started now. */
    void claimedBy(String serverId, String host, Instant now) {
        this.serverId = serverId;
        this.host = host;
        this.startedAt = now;
        this.heartbeatAt = now;
    }

    /** Whether the heartbeat is recent enough for the node to count as running. */
    boolean live(Instant now, Duration staleAfter) {
        return heartbeatAt.isAfter(now.minus(staleAfter));
    }

    public String name() {
        return name;
    }

    public String serverId() {
        return serverId;
    }

    public String host() {
        return host;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant heartbeatAt() {
        return heartbeatAt;
    }
}
