package dev.rewind.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.sender.RewindSender;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The example domain and the ledger as a client sees them over the network: accounts opened through JMS,
 * frozen and read through the example's API, entries read and awaited through the admin API.
 */
public final class ExampleClient {

    public static final Duration WAIT = Duration.ofSeconds(120);

    private final Http http = new Http();
    private final String run;

    /** {@code run} is appended to account names, so every test run has accounts of its own. */
    public ExampleClient(String run) {
        this.run = run;
    }

    public static RewindSender sender() {
        return new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw");
    }

    /** Opens the account {@code name-run} with a balance (cents) and waits until it is there; returns its id. */
    public String open(String name, long balance) throws Exception {
        String id = name + "-" + run;
        try (RewindSender sender = sender()) {
            sender.send("account.opened", "{\"id\":\"" + id + "\",\"balance\":" + balance + "}", UUID.randomUUID());
        }
        Await.until("account " + id + " is open", WAIT, () -> http.get(Http.ACCOUNTS + "/" + id, "viewer").statusCode(),
                s -> s == 200);
        return id;
    }

    /**
     * Sends a transfer through Rewind that charges {@code fee} to the fees account and asks for a notification
     * with {@code note}: the example's transfer.requested with the two follow-ups it causes; returns its id.
     */
    public UUID transferWithFeeAndNotification(String from, String to, long amount, long fee, String note) {
        UUID id = UUID.randomUUID();
        try (RewindSender sender = sender()) {
            sender.send("transfer.requested", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount
                    + ",\"fee\":" + fee + ",\"notify\":\"" + note + "\"}", id);
        }
        return id;
    }

    /** The example's fees account (opened by the first fee charged; 0 before). */
    public long feesBalance() {
        HttpResponse<String> response = http.get(Http.ACCOUNTS + "/fees", "viewer");
        return response.statusCode() == 404 ? 0 : Http.object(response).getJsonNumber("balance").longValue();
    }

    /** How many notifications the example recorded for the account. */
    public int notifications(String account) {
        return Http.json(http.get(Http.ACCOUNTS + "/" + account + "/notifications", "viewer").body()).asJsonArray().size();
    }

    public long balance(String account) {
        return http.getJson(Http.ACCOUNTS + "/" + account, "viewer").getJsonNumber("balance").longValue();
    }

    public void freeze(String account, boolean frozen) {
        assertEquals(200, http.send("PUT", Http.ACCOUNTS + "/" + account + "/frozen", "operator", "operator-pw",
                String.valueOf(frozen), null, null).statusCode());
    }

    public JsonObject entry(UUID id) {
        return http.getJson("/entries/" + id, "viewer");
    }

    /** The entry once it is there and {@code condition} holds. */
    public JsonObject awaitEntry(UUID id, Predicate<JsonObject> condition) {
        return Await.until("entry " + id + " as expected", WAIT, () -> {
            HttpResponse<String> response = http.get("/entries/" + id, "viewer");
            return response.statusCode() == 200 ? Http.object(response) : null;
        }, e -> e != null && condition.test(e));
    }

    public static String transfer(String from, String to, long amount) {
        return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount + "}";
    }
}
