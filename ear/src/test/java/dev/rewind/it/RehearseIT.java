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
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rehearsal over the admin API: the handler runs, nothing commits, the answer says what a replay would do. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RehearseIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String REFUSED = "dev.rewind.example.TransferRefusedException";

    private final Http http = new Http();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final ExampleClient example = new ExampleClient(run);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.withTestBeans(Deployments.ear());
    }

    @Test
    void aRehearsalSaysWhatAReplayWouldDoAndChangesNothingButItsAuditRow() throws Exception {
        String from = example.open("rh-a", 100);
        String to = example.open("rh-b", 0);
        example.freeze(to, true);
        UUID id = UUID.randomUUID();
        try (RewindSender sender = ExampleClient.sender()) {
            sender.send("transfer.requested", ExampleClient.transfer(from, to, 40), id);
        }
        example.awaitEntry(id, e -> "FAILED".equals(e.getString("status")) && e.getInt("attempts") == 3);

        JsonObject frozen = rehearse(id, "{\"reason\":\"would it work now? " + run + "\"}");
        assertEquals("WOULD_FAIL", frozen.getString("outcome"));
        assertEquals(REFUSED, frozen.getString("errorClass"));
        assertTrue(frozen.getString("error").contains("is frozen"), frozen.toString());
        JsonObject before = example.entry(id);

        example.freeze(to, false);
        JsonObject unfrozen = rehearse(id, "{\"reason\":\"after the fix " + run + "\"}");
        assertEquals("WOULD_SUCCEED", unfrozen.getString("outcome"), unfrozen.toString());
        assertFalse(unfrozen.getBoolean("editedBody"));
        // "Would this edit work?": a proposed body that overdraws the account.
        JsonObject proposed = rehearse(id, "{\"body\":" + ExampleClient.transfer(from, to, 5000) + ",\"reason\":\"bigger " + run + "\"}");
        assertEquals("WOULD_FAIL", proposed.getString("outcome"), proposed.toString());
        assertTrue(proposed.getBoolean("editedBody"));
        JsonObject unreadable = rehearse(id, "{\"body\":{\"from\":\"x\"},\"reason\":\"half a body\"}");
        assertEquals("rejected", unreadable.getString("errorClass"));

        // Nothing changed: the money, the entry (status, attempts, errors), the queues; only the audit rows.
        assertEquals(100, example.balance(from));
        assertEquals(0, example.balance(to));
        JsonObject after = example.entry(id);
        for (String field : List.of("status", "attempts", "lastError", "errorClass", "updatedAt", "attemptLog", "replays")) {
            assertEquals(before.get(field), after.get(field), field);
        }
        List<JsonObject> audit = after.getJsonArray("history").stream().map(JsonValue::asJsonObject)
                .filter(h -> h.getString("reason").startsWith("rehearsal ")).toList();
        assertEquals(4, audit.size(), "one row per rehearsal: " + audit);
        assertTrue(audit.stream().anyMatch(h -> h.getString("actor").equals("operator")
                && h.getString("reason").startsWith("rehearsal WOULD_SUCCEED") && h.getString("reason").endsWith("after the fix " + run)),
                audit.toString());
        assertTrue(audit.stream().allMatch(h -> h.getString("from").equals("FAILED") && h.getString("to").equals("FAILED")));

        // Refused, changing nothing.
        UUID account = accountOpenedEntry();
        HttpResponse<String> notRehearsable = http.post("/entries/" + account + "/rehearse", "operator", "{\"reason\":\"x\"}");
        assertEquals(409, notRehearsable.statusCode(), notRehearsable.body());
        assertTrue(notRehearsable.body().contains("@Rehearsable"), notRehearsable.body());
        assertEquals(404, http.post("/entries/" + UUID.randomUUID() + "/rehearse", "operator", "{\"reason\":\"x\"}")
                .statusCode());
        assertEquals(400, http.post("/entries/" + id + "/rehearse", "operator", "{}").statusCode());
        assertEquals(403, http.post("/entries/" + id + "/rehearse", "viewer", "{\"reason\":\"x\"}").statusCode());
        assertEquals(401, http.send("POST", "/entries/" + id + "/rehearse", null, null, "{\"reason\":\"x\"}", null, null)
                .statusCode());
        assertEquals(after.getJsonArray("history").size(), example.entry(id).getJsonArray("history").size());
    }

    /**
     * 1,000 failed transfers, half to an account that is unfrozen before the rehearsal: the job's counts match,
     * nothing in the ledger, the accounts or the queues moves, and a replay of the entries that would succeed
     * replays exactly those.
     */
    @Test
    void aBulkRehearsalSortsAThousandFailuresAndAReplayTakesOnlyThoseThatWouldSucceed() throws Exception {
        String from = example.open("bulk-from", 100_000);
        String fixed = example.open("bulk-fixed", 0);
        String stillFrozen = example.open("bulk-frozen", 0);
        example.freeze(stillFrozen, true);
        String marker = "rehearse-" + run;
        List<UUID> toFixed = RemoteEjb.support(s -> s.seedFailed(500, marker, from, fixed));
        List<UUID> toFrozen = RemoteEjb.support(s -> s.seedFailed(500, marker, from, stillFrozen));
        List<UUID> all = new ArrayList<>(toFixed);
        all.addAll(toFrozen);
        Map<String, Long> statsBefore = RemoteEjb.support(s -> s.stats(all));
        List<JsonObject> sampleBefore = sample(all);
        long inbound = RemoteEjb.<Long>support(s -> s.queueCount("rewind.inbound"));
        long deadLetters = RemoteEjb.<Long>support(s -> s.queueCount("rewind.DLQ"));

        String filter = "{\"status\":\"FAILED\",\"errorText\":\"" + marker + "\"}";
        HttpResponse<String> started = http.post("/jobs", "operator", "{\"kind\":\"REHEARSE\",\"filter\":" + filter
                + ",\"reason\":\"which would work now?\"}");
        assertEquals(202, started.statusCode(), started.body());
        long job = Http.object(started).getJsonNumber("id").longValue();
        JsonObject done = awaitJob(job);
        assertEquals(1000, done.getInt("total"));
        assertEquals(1000, done.getInt("done"));
        assertEquals(0, done.getInt("skipped") + done.getInt("failed"));
        System.out.printf("Bulk rehearsal of 1,000 transfers: %d ms%n", java.time.Duration.between(
                Instant.parse(done.getString("createdAt")), Instant.parse(done.getString("finishedAt"))).toMillis());

        JsonArray report = (JsonArray) Http.json(http.get("/jobs/" + job + "/rehearsal", "viewer").body());
        assertEquals(2, report.size(), report.toString());
        Map<String, JsonObject> byOutcome = Map.of(report.getJsonObject(0).getString("outcome"), report.getJsonObject(0),
                report.getJsonObject(1).getString("outcome"), report.getJsonObject(1));
        assertEquals(500, byOutcome.get("WOULD_SUCCEED").getInt("count"));
        assertEquals(500, byOutcome.get("WOULD_FAIL").getInt("count"));
        assertEquals(REFUSED, byOutcome.get("WOULD_FAIL").getString("errorClass"));
        assertTrue(byOutcome.get("WOULD_FAIL").getString("sampleError").contains(stillFrozen));
        assertTrue(byOutcome.get("WOULD_SUCCEED").getJsonArray("sample").stream()
                .allMatch(v -> toFixed.contains(UUID.fromString(((jakarta.json.JsonString) v).getString()))));

        // Nothing moved.
        assertEquals(statsBefore, RemoteEjb.support(s -> s.stats(all)));
        assertEquals(sampleBefore, sample(all));
        assertEquals(100_000, example.balance(from));
        assertEquals(0, example.balance(fixed));
        assertEquals(inbound, (long) RemoteEjb.<Long>support(s -> s.queueCount("rewind.inbound")));
        assertEquals(deadLetters, (long) RemoteEjb.<Long>support(s -> s.queueCount("rewind.DLQ")));

        // A rehearsal job of a type that did not opt in skips every entry.
        Instant since = Instant.now().minusSeconds(600);
        HttpResponse<String> accounts = http.post("/jobs", "operator", "{\"kind\":\"REHEARSE\",\"filter\":{\"type\":"
                + "\"account.opened\",\"createdFrom\":\"" + since + "\"},\"reason\":\"not rehearsable\"}");
        assertEquals(202, accounts.statusCode(), accounts.body());
        JsonObject skippedJob = awaitJob(Http.object(accounts).getJsonNumber("id").longValue());
        assertTrue(skippedJob.getInt("total") >= 3, skippedJob.toString());
        assertEquals(skippedJob.getInt("total"), skippedJob.getInt("skipped"), skippedJob.toString());

        // The follow-up: replay only what would succeed.
        String followUp = "{\"kind\":\"REPLAY\",\"filter\":{\"wouldSucceedIn\":" + job + "},\"reason\":\"the rehearsed ones\"";
        JsonObject dry = Http.object(http.post("/jobs", "operator", followUp + ",\"dryRun\":true}"));
        assertEquals(500, dry.getInt("total"), dry.toString());
        HttpResponse<String> replay = http.post("/jobs", "operator", followUp + "}");
        assertEquals(202, replay.statusCode(), replay.body());
        awaitJob(Http.object(replay).getJsonNumber("id").longValue());
        Await.until("the 500 rehearsed transfers are PROCESSED", WAIT,
                () -> RemoteEjb.support(s -> s.stats(toFixed)).getOrDefault("PROCESSED", 0L), n -> n == 500);
        assertEquals(500, example.balance(fixed));
        assertEquals(100_000 - 500, example.balance(from));
        assertEquals(Map.of("FAILED", 500L, "replays=0", 500L), RemoteEjb.support(s -> s.stats(toFrozen)));
        assertEquals(400, http.get("/jobs/" + Http.object(replay).getJsonNumber("id").longValue() + "/rehearsal",
                "viewer").statusCode(), "a replay job has no rehearsal report");
    }

    private JsonObject awaitJob(long id) {
        JsonObject job = Await.until("job " + id + " ends", WAIT, () -> http.getJson("/jobs/" + id, "viewer"),
                j -> !"RUNNING".equals(j.getString("state")));
        assertEquals("COMPLETED", job.getString("state"), job.toString());
        return job;
    }

    /** Every 50th entry in full, as the API shows it. */
    private List<JsonObject> sample(List<UUID> ids) {
        List<JsonObject> sample = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 50) {
            sample.add(example.entry(ids.get(i)));
        }
        return sample;
    }

    private UUID accountOpenedEntry() {
        JsonArray items = http.getJson("/entries?type=account.opened&limit=1", "viewer").getJsonArray("items");
        return UUID.fromString(items.getJsonObject(0).getString("id"));
    }

    private JsonObject rehearse(UUID id, String json) {
        HttpResponse<String> response = http.post("/entries/" + id + "/rehearse", "operator", json);
        assertEquals(200, response.statusCode(), response.body());
        return Http.object(response);
    }

}
