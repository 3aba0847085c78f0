package dev.rewind.example;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A notification the demo would deliver to an account holder: one row per {@code notification.requested}. */
@Entity
@Table(name = "demo_notification")
public class Notification {

    /** The Rewind id of the message that asked for it: its compensation finds it by that. */
    @Id
    private UUID id;

    @Column(length = 64, nullable = false)
    private String account;

    @Column(length = 200, nullable = false)
    private String text;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Notification() {
        // for JPA
    }

    Notification(UUID id, String account, String text, Instant createdAt) {
        this.id = id;
        this.account = account;
        this.text = text;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public String account() {
        return account;
    }

    public String text() {
        return text;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
