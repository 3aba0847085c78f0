package dev.rewind.example;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The body of a {@code transfer.requested} message: {@code {"from":"alice","to":"bob","amount":1250}}. */
public class TransferRequest {

    @NotBlank
    @Size(max = 64)
    private String from;

    @NotBlank
    @Size(max = 64)
    private String to;

    /** In cents. */
    @Positive
    private long amount;

    public TransferRequest() {
    }

    public TransferRequest(String from, String to, long amount) {
        this.from = from;
        this.to = to;
        this.amount = amount;
    }

    @AssertTrue(message = "must name two different accounts")
    public boolean isDistinctAccounts() {
        return from == null || !from.equals(to);
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public long getAmount() {
        return amount;
    }

    public void setAmount(long amount) {
        this.amount = amount;
    }
}
