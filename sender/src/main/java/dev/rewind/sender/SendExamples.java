package dev.rewind.sender;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Sends the example messages of the README's tour to a running Rewind: two accounts, a few transfers,
 * one transfer that fails (an unknown account) and two messages Rewind rejects.
 *
 * <pre>mvn -q -pl sender compile exec:java [-Dexec.args="5"]</pre>
 *
 * System properties {@code rewind.url}, {@code rewind.user} and {@code rewind.password} override
 * the connection (defaults: {@link RewindSender#DEFAULT_URL}, the demo user {@code rewind-app}).
 */
public final class SendExamples {

    private SendExamples() {
    }

    public static void main(String[] args) {
        int transfers = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String url = System.getProperty("rewind.url", RewindSender.DEFAULT_URL);
        String user = System.getProperty("rewind.user", "rewind-app");
        String password = System.getProperty("rewind.password", "rewind-app-pw");

        try (RewindSender sender = new RewindSender(url, user, password)) {
            // Fixed ids: sending the examples twice opens each account once (the second is a duplicate).
            send(sender, "account.opened", "{\"id\":\"alice\",\"balance\":100000}", fixedId("account:alice"),
                    "opens alice with 1000.00");
            send(sender, "account.opened", "{\"id\":\"bob\",\"balance\":50000}", fixedId("account:bob"),
                    "opens bob with 500.00");
            // The inbound queue is consumed by several sessions at once, so messages are not handled in
            // the order they were sent: give the accounts a moment, or the first transfers would fail
            // once and succeed on the broker's redelivery (which the ledger would show as attempt 2).
            pause(2_000);
            for (int i = 1; i <= transfers; i++) {
                send(sender, "transfer.requested", "{\"from\":\"alice\",\"to\":\"bob\",\"amount\":" + (i * 100) + "}",
                        UUID.randomUUID(), "moves " + (i * 100) + " cents from alice to bob");
            }
            send(sender, "transfer.requested", "{\"from\":\"alice\",\"to\":\"carol\",\"amount\":100}", UUID.randomUUID(),
                    "fails: there is no account carol (retried, then FAILED and dead-lettered)");
            send(sender, "invoice.created", "{\"invoice\":7}", UUID.randomUUID(),
                    "rejected: no handler for invoice.created");
            send(sender, "transfer.requested", "{\"from\":\"alice\",", UUID.randomUUID(),
                    "rejected: the body is not valid JSON");
        }
        System.out.println("See them at http://localhost:8080/rewind/api/entries (user viewer, password viewer-pw)");
    }

    private static void send(RewindSender sender, String type, String json, UUID id, String what) {
        sender.send(type, json, id);
        System.out.printf("sent %s %-20s %s%n", id, type, what);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static UUID fixedId(String name) {
        return UUID.nameUUIDFromBytes(("rewind-example:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
