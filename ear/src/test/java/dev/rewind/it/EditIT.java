package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.it.support.Await;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.ExampleClient;
import dev.rewind.it.support.Http;
import dev.rewind.it.support.RemoteEjb;
import dev.rewind.sender.RewindSender;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Edit and retry over the admin API, against the example's transfers: corrected once, never both. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EditIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Http http = new Http();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final ExampleClient example = new ExampleClient(run);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.withTestBeans(Deployments.ear());
    }

    @Test
    void aTransferRejectedForAMalformedAmountRunsOnceCorrected() throws Exception {
        String from = example.open("ed-a", 1000);
        String to = example.open("ed-b", 0);
        UUID original = UUID.randomUUID();
        String malformed = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":\"ten\"}";
        try (RewindSender sender = ExampleClient.sender()) {
            sender.send("transfer.requested", malformed, original);
        }
        JsonObject rejected = example.awaitEntry(original, e -> "FAILED".equals(e.getString("status")));
        assertEquals(1, deadLetterCopies(original), "the rejected message waits in the DLQ");

        // A correction the handler cannot read either is refused, and nothing changes.
        HttpResponse<String> invalid = edit(original, "{\"body\":{\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"amount\":-10},\"reason\":\"still wrong\"}");
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertTrue(invalid.body().contains("amount"), invalid.body());
        assertEquals(rejected, example.entry(original), "a refused edit changes nothing");
        assertEquals(1, deadLetterCopies(original));

        HttpResponse<String> edited = edit(original, "{\"body\":{\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"amount\":10},\"reason\":\"amount typed as a word " + run + "\"}");
        assertEquals(201, edited.statusCode(), edited.body());
        JsonObject created = Http.object(edited);
        UUID edit = UUID.fromString(created.getString("id"));
        assertTrue(edited.headers().firstValue("Location").orElse("").endsWith("/entries/" + edit));
        assertEquals(original.toString(), created.getString("editOf", null), edited.body());

        JsonObject done = example.awaitEntry(edit, e -> "PROCESSED".equals(e.getString("status")));
        assertEquals(990, example.balance(from));
        assertEquals(10, example.balance(to));
        JsonObject superseded = example.entry(original);
        assertEquals("SUPERSEDED", superseded.getString("status"));
        assertEquals(malformed, superseded.getString("body"), "the original keeps its body");
        assertEquals(edit.toString(), superseded.getString("supersededBy"));
        assertTrue(superseded.getJsonArray("history").stream().map(JsonValue::asJsonObject)
                .anyMatch(h -> "SUPERSEDED".equals(h.getString("to")) && h.getString("actor").equals("operator")
                        && h.getString("reason").contains(edit.toString())), superseded.toString());
        assertEquals(List.of("body.amount \"ten\" -> 10"), done.getJsonArray("changes").stream()
                .map(JsonValue::asJsonObject)
                .map(c -> c.getString("path") + " " + c.getString("before") + " -> " + c.getString("after")).toList());
        Await.until("the DLQ copy of the original is gone", WAIT, () -> deadLetterCopies(original), n -> n == 0);

        // Refused, changing nothing: the superseded original, the processed edit, an unknown id, no change.
        String correct = "{\"body\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":1},\"reason\":\"again\"}";
        assertRefused(edit(original, correct), 409, "SUPERSEDED by " + edit);
        assertRefused(edit(edit, correct), 409, "revoke it");
        assertRefused(edit(UUID.randomUUID(), correct), 404, "");
        assertRefused(edit(original, "{\"reason\":\"nothing\"}"), 400, "give the corrected body");
        assertRefused(edit(original, "{\"body\":{\"from\":\"x\",\"to\":\"y\",\"amount\":1}}"), 400, "reason");
        assertRefused(edit(original, "{\"body\":null,\"reason\":\"x\"}"), 400, "body");
        assertEquals(403, http.send("POST", "/entries/" + original + "/edit", "viewer", "viewer-pw", correct, null, null)
                .statusCode());
        assertEquals(990, example.balance(from), "no refused edit moved money");
    }

    @Test
    void anEditOfAnEditIsAChainAndOnlyItsLastLinkRuns() throws Exception {
        String from = example.open("ch-a", 1000);
        String frozen = example.open("ch-frozen", 0);
        String to = example.open("ch-b", 0);
        assertEquals(200, http.send("PUT", Http.ACCOUNTS + "/" + frozen + "/frozen", "operator", "operator-pw",
                "true", null, null).statusCode());
        UUID first = UUID.randomUUID();
        try (RewindSender sender = ExampleClient.sender()) {
            sender.send("transfer.requested", "{\"from\":\"" + from + "\",\"to\":\"" + frozen + "\",\"amount\":7}", first);
        }
        example.awaitEntry(first, e -> "FAILED".equals(e.getString("status")) && e.getInt("attempts") == 3);

        // Same body, different properties: the properties count as a change.
        HttpResponse<String> second = edit(first, "{\"properties\":{\"ticket\":\"OPS-1\"},\"reason\":\"tagged\"}");
        assertEquals(201, second.statusCode(), second.body());
        UUID secondId = UUID.fromString(Http.object(second).getString("id"));
        JsonObject failedAgain = example.awaitEntry(secondId, e -> "FAILED".equals(e.getString("status")) && e.getInt("attempts") == 3);
        assertEquals("OPS-1", failedAgain.getJsonObject("properties").getString("ticket"));
        assertEquals("properties.ticket", failedAgain.getJsonArray("changes").getJsonObject(0).getString("path"));

        HttpResponse<String> third = edit(secondId, "{\"body\":{\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"amount\":7},\"reason\":\"the account was wrong\"}");
        assertEquals(201, third.statusCode(), third.body());
        UUID thirdId = UUID.fromString(Http.object(third).getString("id"));
        example.awaitEntry(thirdId, e -> "PROCESSED".equals(e.getString("status")));

        assertEquals(secondId.toString(), example.entry(first).getString("supersededBy"));
        JsonObject middle = example.entry(secondId);
        assertEquals(first.toString(), middle.getString("editOf"));
        assertEquals(thirdId.toString(), middle.getString("supersededBy"));
        assertEquals("SUPERSEDED", middle.getString("status"));
        JsonObject last = example.entry(thirdId);
        assertEquals(secondId.toString(), last.getString("editOf"));
        assertFalse(last.containsKey("supersededBy") && !last.isNull("supersededBy"), last.toString());
        assertEquals(List.of("body.to"), last.getJsonArray("changes").stream()
                .map(c -> c.asJsonObject().getString("path")).toList());
        assertEquals(993, example.balance(from));
        assertEquals(7, example.balance(to));
        assertEquals(0, example.balance(frozen));
        Await.until("no DLQ copy of the superseded links", WAIT,
                () -> deadLetterCopies(first) + deadLetterCopies(secondId), n -> n == 0);
    }

    /**
     * A delayed send edited around the moment the consumer takes it: exactly one of "the edit took effect and
     * the original never ran" and "the original ran and the edit was refused", and the money moved once.
     */
    @Test
    void anEditRacingTheConsumerTakesEffectOrIsRefusedNeverBoth() throws Exception {
        String from = example.open("race-a", 100_000);
        String to = example.open("race-b", 0);
        int rounds = 24;
        long expected = 0;
        int edits = 0;
        for (int i = 0; i < rounds; i++) {
            long delay = 400;
            HttpResponse<String> sent = http.post("/messages", "operator", "{\"type\":\"transfer.requested\",\"body\":{"
                    + "\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":1},\"delayMs\":" + delay
                    + ",\"reason\":\"race " + i + "\"}");
            assertEquals(201, sent.statusCode(), sent.body());
            UUID id = UUID.fromString(Http.object(sent).getString("id"));
            // From well before the due time to well after it.
            Thread.sleep(Math.max(0, delay - 150 + ThreadLocalRandom.current().nextLong(300)));
            HttpResponse<String> edited = edit(id, "{\"body\":{\"from\":\"" + from + "\",\"to\":\"" + to
                    + "\",\"amount\":100},\"reason\":\"race " + i + "\"}");
            if (edited.statusCode() == 201) {
                edits++;
                expected += 100;
                UUID edit = UUID.fromString(Http.object(edited).getString("id"));
                example.awaitEntry(edit, e -> "PROCESSED".equals(e.getString("status")));
                JsonObject original = example.entry(id);
                assertEquals("SUPERSEDED", original.getString("status"));
                assertTrue(original.getJsonArray("attemptLog").stream().map(JsonValue::asJsonObject)
                        .noneMatch(a -> "SUCCEEDED".equals(a.getString("outcome", ""))), "the original never ran: " + original);
            } else {
                assertEquals(409, edited.statusCode(), edited.body());
                expected += 1;
                assertEquals("PROCESSED", example.awaitEntry(id, e -> "PROCESSED".equals(e.getString("status"))).getString("status"));
            }
            long want = expected;
            Await.until("the money moved once in round " + i, WAIT, () -> example.balance(to), b -> b == want);
        }
        System.out.printf("Edit racing the consumer: %d of %d edits took effect, %d were refused%n", edits, rounds,
                rounds - edits);
        // Settled: nothing moves any more.
        Thread.sleep(1000);
        assertEquals(expected, example.balance(to));
        assertEquals(100_000 - expected, example.balance(from));
        assertFalse(expected == 0);
    }

    private void assertRefused(HttpResponse<String> response, int status, String detail) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.body().contains(detail), response.body());
    }

    private HttpResponse<String> edit(UUID id, String json) {
        return http.post("/entries/" + id + "/edit", "operator", json);
    }

    private static long deadLetterCopies(UUID id) {
        return RemoteEjb.support(support -> support.deadLetterCopies(id));
    }

}
