package dev.rewind.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A request that carried an {@code Idempotency-Key}: who sent it, a hash of what it asked, and,
 * once answered, the answer. Status 0 means its first execution has not answered yet.
 */
@Entity
@Table(name = "rewind_idempotency")
public class IdempotentRequest {

    /** Longest answer kept, in characters; a longer one is kept without its body (the status and Location still are). */
    public static final int MAX_BODY = 1_048_576;

    /** A hash of actor and key: one row per user and key, whatever their lengths. */
    @Id
    @Column(length = 64)
    private String id;

    @Column(nullable = false, length = 200)
    private String actor;

    @Column(name = "idem_key", nullable = false, length = 200)
    private String key;

    @Column(name = "request_hash", nullable = false, length = 64)
    private String requestHash;

    @Column(nullable = false)
    private int status;

    @Column(name = "content_type", length = 100)
    private String contentType;

    @Column(length = 1000)
    private String location;

    @Column(length = MAX_BODY)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotentRequest() {
        // for JPA
    }

    IdempotentRequest(String id, String actor, String key, String requestHash, Instant createdAt) {
        this.id = id;
        this.actor = actor;
        this.key = key;
        this.requestHash = requestHash;
        this.createdAt = createdAt;
    }

    void answer(int status, String contentType, String location, String body) {
        this.status = status;
        this.contentType = contentType;
        this.location = location;
        this.body = body;
    }

    public String requestHash() {
        return requestHash;
    }

    public boolean answered() {
        return status != 0;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public String location() {
        return location;
    }

    public String body() {
        return body;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
