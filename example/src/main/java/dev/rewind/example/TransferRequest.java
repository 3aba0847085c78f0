package dev.rewind.example;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of a {@code transfer.requested} message: {@code {"from":"alice","to":"bob","amount":1250}}; optionally
 * {@code "fee":50} (charged to the payer by a {@code fee.charged} follow-up, {@code "feeDelayMs"} later) and {@code "notify":"text"} (a
 * {@code notification.requested} follow-up to the payee).
 */
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

    /** In cents; 0 for none. */
    @PositiveOrZero
    private long fee;

    /** Charge the fee this many milliseconds later (the example's end-of-day fees); 0 for at once. */
    @PositiveOrZero
    @Max(7L * 24 * 3600 * 1000)
    private long feeDelayMs;

    /** A notification to the payee, or null for none. */
    @Size(max = 200)
    private String notify;

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

    public long getFee() {
        return fee;
    }

    public void setFee(long fee) {
        this.fee = fee;
    }

    public long getFeeDelayMs() {
        return feeDelayMs;
    }

    public void setFeeDelayMs(long feeDelayMs) {
        this.feeDelayMs = feeDelayMs;
    }

    public String getNotify() {
        return notify;
    }

    public void setNotify(String notify) {
        this.notify = notify;
    }

    public long getAmount() {
        return amount;
    }

    public void setAmount(long amount) {
        this.amount = amount;
    }
}
