package dev.rewind.example;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The body of a {@code fee.charged} message: {@code {"account":"alice","amount":50}}. */
public class FeeCharge {

    @NotBlank
    @Size(max = 64)
    private String account;

    /** In cents. */
    @Positive
    private long amount;

    public FeeCharge() {
    }

    public FeeCharge(String account, long amount) {
        this.account = account;
        this.amount = amount;
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public long getAmount() {
        return amount;
    }

    public void setAmount(long amount) {
        this.amount = amount;
    }
}
