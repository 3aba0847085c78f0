package dev.rewind.example;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The body of an {@code account.opened} message: {@code {"id":"alice","balance":100000}}. */
public class AccountOpening {

    @NotBlank
    @Size(max = 64)
    private String id;

    /** In cents. */
    @PositiveOrZero
    private long balance;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }
}
