package dev.rewind.nodes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named lease: the node that may run a timer's work until the lease ends. */
@Entity
@Table(name = "rewind_lease")
public class TimerLease {

    @Id
    @Column(length = 64)
    private String name;

    @Column(length = 64)
    private String holder;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    protected TimerLease() {
        // for JPA
    }

    TimerLease(String name, String holder, Instant leaseUntil) {
        this.name = name;
        this.holder = holder;
        this.leaseUntil = leaseUntil;
    }

    public String name() {
        return name;
    }

    public String holder() {
        return holder;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }
}
