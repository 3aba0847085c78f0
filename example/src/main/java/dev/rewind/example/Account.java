package dev.rewind.example;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A demo bank account; amounts are in cents. */
@Entity
@Table(name = "demo_account")
public class Account {

    @Id
    @Column(length = 64)
    private String id;

    @Column(nullable = false)
    private long balance;

    @Column(nullable = false)
    private boolean frozen;

    @Version
    private long version;

    protected Account() {
        // for JPA
    }

    public Account(String id, long balance) {
        this.id = id;
        this.balance = balance;
    }

    void debit(long amount) {
        if (frozen) {
            throw new TransferRefusedException("account '" + id + "' is frozen");
        }
        if (balance < amount) {
            throw new TransferRefusedException("account '" + id + "' has " + balance + " cents, less than " + amount);
        }
        balance -= amount;
    }

    void credit(long amount) {
        if (frozen) {
            throw new TransferRefusedException("account '" + id + "' is frozen");
        }
        balance += amount;
    }

    void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    public String id() {
        return id;
    }

    public long balance() {
        return balance;
    }

    public boolean frozen() {
        return frozen;
    }
}
