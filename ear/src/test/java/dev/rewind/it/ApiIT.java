package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.it.support.Await;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.Http;
import dev.rewind.it.support.RemoteEjb;
import dev.rewind.sender.RewindSender;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin API over real HTTP, as operators and scripts use it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Http http = new Http();
    private final String run = Long.toString(System.nanoTime(), 36);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.withTestBeans(Deployments.ear());
    }

    @Test
    void anOperatorsStoryFromFailureToReplayRevokeAndABulkJob() throws Exception {
        String alice = "alice-" + run;
        String bob = "bob-" + run;
        UUID failing = UUID.randomUUID();
        UUID revoked = UUID.randomUUID();
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            sender.send("account.opened", "{\"id\":\"" + alice + "\",\"balance\":10000}", UUID.randomUUID());
            sender.send("account.opened", "{\"id\":\"" + bob + "\",\"balance\":0}", UUID.randomUUID());
            awaitStatus(Http.ACCOUNTS + "/" + bob, 200);
            assertEquals(200, http.send("PUT", Http.ACCOUNTS + "/" + bob + "/frozen", "operator", "operator-pw",
                    "true", null, null).statusCode());
            sender.send("transfer.requested", transfer(alice, bob, 100), failing);
            for (int i = 0; i < 30; i++) {
                sender.send("transfer.requested", transfer(alice, bob, 1), UUID.randomUUID());
            }
        }

        // The operator finds the failures, grouped, once the broker has given up on all of them.
        String frozenError = encode(bob + "' is frozen");
        Await.until("all 31 transfers are dead-lettered", WAIT,
                () -> http.getJson("/entries?status=FAILED&limit=100&errorText=" + frozenError, "viewer")
                        .getJsonArray("items"),
                items -> items.size() == 31 && items.stream().allMatch(v -> v.asJsonObject().getInt("attempts") == 3));
        HttpResponse<String> groups = http.get("/stats/failures", "viewer");
        assertEquals(200, groups.statusCode());
        assertTrue(groups.body().contains("\"errorClass\":\"dev.rewind.example.TransferRefusedException\""), groups.body());
        JsonObject counts = http.getJson("/stats", "viewer");
        assertTrue(counts.getJsonObject("byStatus").getInt("FAILED") >= 31, counts.toString());

        // The fix, then a replay of one message: the history names the operator.
        http.send("PUT", Http.ACCOUNTS + "/" + bob + "/frozen", "operator", "operator-pw", "false", null, null);
        HttpResponse<String> replay = http.post("/entries/" + failing + "/replay", "operator",
                "{\"reason\":\"bob unfrozen\"}");
        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals("REPLAYING", Http.object(replay).getString("status"));
        JsonObject processed = await("/entries/" + failing, e -> "PROCESSED".equals(e.getString("status")));
        var history = processed.getJsonArray("history");
        JsonObject replayed = history.getJsonObject(2);
        assertEquals("REPLAYING", replayed.getString("to"));
        assertEquals("operator", replayed.getString("actor"));
        assertEquals("bob unfrozen", replayed.getString("reason"));

        // A bulk job replays the other 30: dry run first, then the job, watched to completion.
        String job = "{\"kind\":\"REPLAY\",\"filter\":{\"status\":\"FAILED\",\"errorText\":\"" + bob
                + "' is frozen\"},\"reason\":\"bob unfrozen\",\"dryRun\":%s}";
        HttpResponse<String> dry = http.post("/jobs", "operator", job.formatted("true"));
        assertEquals(200, dry.statusCode(), dry.body());
        assertEquals(30, Http.object(dry).getInt("total"));
        HttpResponse<String> started = http.post("/jobs", "operator", job.formatted("false"));
        assertEquals(202, started.statusCode(), started.body());
        String location = started.headers().firstValue("Location").orElseThrow();
        assertTrue(location.endsWith("/rewind/api/jobs/" + Http.object(started).getJsonNumber("id").longValue()), location);
        JsonObject finished = Await.until("the job completes", WAIT, () -> http.getJson(location, "viewer"),
                j -> !"RUNNING".equals(j.getString("state")));
        assertEquals("COMPLETED", finished.getString("state"));
        assertEquals(30, finished.getInt("done"));
        Await.until("bob received 130, each transfer once", WAIT, () -> http.getJson(Http.ACCOUNTS + "/" + bob, "viewer").getInt("balance"),
                b -> b == 130);

        // Revoke a processed transfer sent through the API: the compensation restores the balances.
        HttpResponse<String> sent = http.post("/messages", "operator", "{\"id\":\"" + revoked + "\",\"type\":"
                + "\"transfer.requested\",\"body\":" + transfer(alice, bob, 500) + ",\"reason\":\"api send\"}");
        assertEquals(201, sent.statusCode(), sent.body());
        assertTrue(sent.headers().firstValue("Location").orElseThrow().endsWith("/entries/" + revoked));
        await("/entries/" + revoked, e -> "PROCESSED".equals(e.getString("status")));
        assertEquals(630, http.getJson(Http.ACCOUNTS + "/" + bob, "viewer").getInt("balance"));
        HttpResponse<String> revoke = http.post("/entries/" + revoked + "/revoke", "operator",
                "{\"reason\":\"customer cancelled\"}");
        assertEquals(200, revoke.statusCode(), revoke.body());
        await("/entries/" + revoked, e -> "REVOKED".equals(e.getString("status")));
        assertEquals(130, http.getJson(Http.ACCOUNTS + "/" + bob, "viewer").getInt("balance"));
        assertEquals(10000 - 130, http.getJson(Http.ACCOUNTS + "/" + alice, "viewer").getInt("balance"));
    }

    @Test
    void securityAnonymousIsUnauthorizedViewersCannotChangeAnything() {
        HttpResponse<String> anonymous = http.get("/entries", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(401, Http.object(anonymous).getInt("status"));
        assertEquals(403, http.post("/entries/" + UUID.randomUUID() + "/revoke", "viewer", "{\"reason\":\"x\"}").statusCode());
        assertEquals(200, http.get("/entries", "operator").statusCode());
        assertEquals(200, http.get("/entries", "viewer").statusCode());
    }

    @Test
    void walkingAllPagesReturnsEachEntryExactlyOnceWhileNewOnesArrive() {
        String marker = "page-" + run;
        Set<UUID> seeded = new HashSet<>(RemoteEjb.support(s -> s.seedFailed(2_500, marker, "x", "y")));
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "/entries?limit=100&errorText=" + marker + (cursor == null ? "" : "&cursor=" + cursor);
            JsonObject page = http.getJson(query, "viewer");
            page.getJsonArray("items").forEach(v -> seen.add(UUID.fromString(v.asJsonObject().getString("id"))));
            cursor = page.getString("nextCursor", null); // absent on the last page
            pages++;
            if (pages % 5 == 0) {
                RemoteEjb.support(s -> s.seedFailed(50, marker, "x", "y")); // new entries arrive during the walk
            }
        } while (cursor != null);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no entry twice");
        assertTrue(new HashSet<>(seen).containsAll(seeded), "every entry once");
        assertEquals(2_500, seen.stream().filter(seeded::contains).count());
        assertEquals(25, pages);
    }

    @Test
    void theNodesListNamesThisServerLiveAndItself() {
        HttpResponse<String> response = http.get("/nodes", "viewer");
        assertEquals(200, response.statusCode(), response.body());
        jakarta.json.JsonArray nodes = (jakarta.json.JsonArray) Http.json(response.body());
        List<JsonObject> self = nodes.stream().map(jakarta.json.JsonValue::asJsonObject)
                .filter(n -> n.getBoolean("self")).toList();
        assertEquals(1, self.size(), response.body());
        JsonObject node = self.get(0);
        assertEquals(TEST_NODE, node.getString("name"), "the name given with -Djboss.node.name");
        assertTrue(node.getBoolean("live"), response.body());
        assertTrue(java.time.Duration.between(java.time.Instant.parse(node.getString("heartbeatAt")), java.time.Instant.now())
                .toSeconds() < 30, "a heartbeat within the last 30 s: " + node);
    }

    @Test
    void jobsAreListedNewestFirstPageByPageAndTheCallerKnowsItsRoles() {
        List<Long> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> job = http.post("/jobs", "operator", "{\"kind\":\"REPLAY\",\"reason\":\"list " + i
                    + "\",\"filter\":{\"type\":\"nothing." + run + "\"}}");
            assertEquals(202, job.statusCode(), job.body());
            started.add(Http.object(job).getJsonNumber("id").longValue());
        }
        JsonObject first = http.getJson("/jobs?limit=2", "viewer");
        List<Long> ids = first.getJsonArray("items").stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue())
                .toList();
        assertEquals(List.of(started.get(2), started.get(1)), ids, "newest first");
        JsonObject second = http.getJson("/jobs?limit=2&cursor=" + first.getString("nextCursor"), "viewer");
        JsonObject third = second.getJsonArray("items").getJsonObject(0);
        assertEquals(started.get(0), third.getJsonNumber("id").longValue());
        assertEquals("list 0", third.getString("reason"));
        assertEquals("operator", third.getString("actor"));
        Await.until("the three jobs completed", WAIT, () -> http.getJson("/jobs?state=COMPLETED&limit=100", "viewer")
                .getJsonArray("items").stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue())
                .filter(started::contains).count(), n -> n == 3);
        assertTrue(http.getJson("/jobs?state=RUNNING&limit=100", "viewer").getJsonArray("items").stream()
                .noneMatch(v -> started.contains(v.asJsonObject().getJsonNumber("id").longValue())));

        JsonObject viewer = http.getJson("/me", "viewer");
        assertEquals("viewer", viewer.getString("name"));
        assertEquals(List.of("rewind-viewer"), viewer.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));
        assertTrue(http.getJson("/me", "operator").getJsonArray("roles").toString().contains("rewind-operator"));
    }

    /** The test server's node name (arquillian.xml). */
    static final String TEST_NODE = "rewind-test";

    @Test
    void theOpenApiDocumentHealthAndMetricsAreServed() {
        HttpResponse<String> openapi = http.get(Http.BASE + "/openapi", null);
        assertEquals(200, openapi.statusCode());
        for (String path : List.of("/rewind/api/entries/{id}/replay:", "/rewind/api/entries/{id}/revoke:",
                "/rewind/api/jobs:", "/rewind/api/jobs/{id}/cancel:", "/rewind/api/stats/failures:", "/rewind/api/messages:",
                "/rewind/api/nodes:")) {
            assertTrue(openapi.body().contains(path), "OpenAPI documents " + path);
        }
        HttpResponse<String> ready = http.get(Http.MANAGEMENT + "/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("rewind-broker") && ready.body().contains("rewind-database"), ready.body());
        UUID id = UUID.randomUUID();
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            sender.send("account.opened", "{\"id\":\"metrics-" + run + "\",\"balance\":1}", id);
        }
        await("/entries/" + id, e -> "PROCESSED".equals(e.getString("status")));
        String metrics = Await.until("the message is counted", WAIT,
                () -> http.get(Http.MANAGEMENT + "/prometheus", null).body(),
                body -> body.contains("rewind_messages_total{"));
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("rewind_messages_total{")
                && line.contains("outcome=\"HANDLED\"") && line.contains("type=\"account.opened\"")), metrics.lines()
                .filter(line -> line.contains("rewind")).toList().toString());
        assertTrue(metrics.contains("rewind_handler_seconds"), "handler time is measured");
    }

    /** One hostile or malformed request and the status it must get. */
    record Case(String name, String method, String path, String user, String body, String contentType, String accept,
                int status) {
        static Case get(String name, String path, int status) {
            return new Case(name, "GET", path, "operator", null, null, null, status);
        }

        static Case post(String name, String path, String body, int status) {
            return new Case(name, "POST", path, "operator", body, null, null, status);
        }
    }

    @Test
    void malformedAndHostileRequestsGetPreciseProblemsAndChangeNothing() throws Exception {
        // Entries in each state the table needs.
        UUID processed = UUID.randomUUID();
        UUID opened = UUID.randomUUID();
        String account = "bad-" + run;
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            sender.send("account.opened", "{\"id\":\"" + account + "\",\"balance\":100}", opened);
            await("/entries/" + opened, e -> "PROCESSED".equals(e.getString("status")));
            sender.send("account.opened", "{\"id\":\"" + account + "-2\",\"balance\":100}", UUID.randomUUID());
            awaitStatus(Http.ACCOUNTS + "/" + account + "-2", 200);
            sender.send("transfer.requested", transfer(account, account + "-2", 1), processed);
        }
        await("/entries/" + processed, e -> "PROCESSED".equals(e.getString("status")));
        UUID tombstone = UUID.randomUUID();
        assertEquals(200, http.post("/entries/" + tombstone + "/revoke", "operator", "{\"reason\":\"never\"}").statusCode());

        List<String> watched = List.of("/entries/" + processed, "/entries/" + opened, "/entries/" + tombstone,
                Http.ACCOUNTS + "/" + account, "/stats");
        List<String> before = watched.stream().map(p -> http.get(p, "viewer").body()).toList();

        String p = "/entries/" + processed;
        String unknown = "/entries/" + UUID.randomUUID();
        String longText = "x".repeat(1001);
        List<Case> cases = List.of(
                Case.get("id is not a UUID", "/entries/not-a-uuid", 400),
                Case.get("id is a UUID with junk", "/entries/" + processed + "x", 400),
                Case.get("unknown id", unknown, 404),
                Case.get("unknown status", "/entries?status=DONE", 400),
                Case.get("status in lower case", "/entries?status=failed", 400),
                Case.get("limit zero", "/entries?limit=0", 400),
                Case.get("limit over the maximum", "/entries?limit=501", 400),
                Case.get("huge limit", "/entries?limit=99999999999", 400),
                Case.get("limit not a number", "/entries?limit=ten", 400),
                Case.get("createdFrom not a time", "/entries?createdFrom=yesterday", 400),
                Case.get("reversed time range", "/entries?createdFrom=2026-11-27T10:00:00Z&createdTo=2026-11-27T09:00:00Z", 400),
                Case.get("empty time range", "/entries?createdFrom=2026-11-27T10:00:00Z&createdTo=2026-11-27T10:00:00Z", 400),
                Case.get("SQL in type", "/entries?type=" + encode("' OR '1'='1"), 400),
                Case.get("SQL in destination", "/entries?destination=" + encode("q; DROP TABLE rewind_entry --"), 400),
                Case.get("script in type", "/entries?type=" + encode("<script>alert(1)</script>"), 400),
                Case.get("errorText too long", "/entries?errorText=" + "e".repeat(201), 400),
                Case.get("garbage cursor", "/entries?cursor=not-a-cursor!", 400),
                Case.get("forged cursor", "/entries?cursor=MTIzLjQ1Ni5ub3QtYS11dWlkLWF0LWFsbC1yZWFsbHktbm90LTM2", 400),
                Case.post("malformed JSON", p + "/replay", "{", 400),
                Case.post("JSON array instead of object", p + "/replay", "[]", 400),
                Case.post("reason is an object", p + "/replay", "{\"reason\":{}}", 400),
                Case.post("unknown field", p + "/replay", "{\"reason\":\"x\",\"forse\":true}", 400),
                Case.post("missing reason", p + "/replay", "{}", 400),
                Case.post("empty reason", p + "/replay", "{\"reason\":\"\"}", 400),
                Case.post("blank reason", p + "/replay", "{\"reason\":\"   \"}", 400),
                Case.post("reason too long", p + "/replay", "{\"reason\":\"" + longText + "\"}", 400),
                Case.post("force not a boolean", p + "/replay", "{\"reason\":\"x\",\"force\":[true]}", 400),
                Case.post("target not a queue name", p + "/replay", "{\"reason\":\"x\",\"target\":\"../../etc\"}", 400),
                Case.post("target queue does not exist", p + "/replay", "{\"reason\":\"x\",\"target\":\"no.such.queue\",\"force\":true}", 409),
                Case.post("replay PROCESSED without force", p + "/replay", "{\"reason\":\"x\"}", 409),
                new Case("not JSON content type", "POST", p + "/replay", "operator", "reason=x", "text/plain", null, 415),
                new Case("no body and no content type", "POST", p + "/replay", "operator", null, null, null, 415),
                Case.post("empty JSON body", p + "/replay", "", 400),
                Case.post("replay of unknown id", unknown + "/replay", "{\"reason\":\"x\"}", 404),
                Case.post("replay of a bad id", "/entries/42/replay", "{\"reason\":\"x\"}", 400),
                Case.post("revoke twice", "/entries/" + tombstone + "/revoke", "{\"reason\":\"x\"}", 409),
                Case.post("replay REVOKED", "/entries/" + tombstone + "/replay", "{\"reason\":\"x\",\"force\":true}", 409),
                Case.post("revoke what cannot be undone", "/entries/" + opened + "/revoke", "{\"reason\":\"x\"}", 409),
                Case.post("null reason", p + "/revoke", "{\"reason\":null}", 400),
                Case.post("empty job", "/jobs", "{}", 400),
                Case.post("unknown job kind", "/jobs", "{\"kind\":\"ERASE\",\"filter\":{},\"reason\":\"x\"}", 400),
                Case.post("job without filter", "/jobs", "{\"kind\":\"REPLAY\",\"reason\":\"x\"}", 400),
                Case.post("job with reversed range", "/jobs", "{\"kind\":\"REPLAY\",\"filter\":{\"createdFrom\":"
                        + "\"2026-11-27T10:00:00Z\",\"createdTo\":\"2026-11-27T09:00:00Z\"},\"reason\":\"x\",\"dryRun\":true}", 400),
                Case.post("job filter with bad time", "/jobs", "{\"kind\":\"REPLAY\",\"filter\":{\"createdFrom\":\"soon\"},\"reason\":\"x\"}", 400),
                Case.post("force on a revoke job", "/jobs", "{\"kind\":\"REVOKE\",\"filter\":{},\"reason\":\"x\",\"force\":true,\"dryRun\":true}", 400),
                Case.post("chunk too large", "/jobs", "{\"kind\":\"REPLAY\",\"filter\":{},\"reason\":\"x\",\"chunkSize\":5000}", 400),
                Case.post("negative rate", "/jobs", "{\"kind\":\"REPLAY\",\"filter\":{},\"reason\":\"x\",\"ratePerSecond\":-1}", 400),
                Case.post("SQL in job filter type", "/jobs", "{\"kind\":\"REPLAY\",\"filter\":{\"type\":\"x' OR 1=1 --\"},\"reason\":\"x\"}", 400),
                Case.get("job id not a number", "/jobs/abc", 400),
                Case.get("job id negative", "/jobs/-4", 400),
                Case.get("unknown job", "/jobs/999999999", 404),
                Case.post("cancel unknown job", "/jobs/999999999/cancel", "{\"reason\":\"x\"}", 404),
                new Case("viewer replays", "POST", p + "/replay", "viewer", "{\"reason\":\"x\",\"force\":true}", null, null, 403),
                new Case("viewer starts a job", "POST", "/jobs", "viewer", "{\"kind\":\"REPLAY\",\"filter\":{},\"reason\":\"x\"}", null, null, 403),
                new Case("anonymous", "GET", "/entries", null, null, null, null, 401),
                new Case("wrong password", "GET", "/entries", "operator", null, null, null, 401),
                new Case("method not allowed", "DELETE", p, "operator", null, null, null, 405),
                Case.post("oversized body", p + "/replay", "{\"reason\":\"" + "y".repeat(100_000) + "\"}", 413),
                Case.get("unknown path", "/nothing/here", 404),
                Case.post("send an invalid payload", "/messages", "{\"type\":\"transfer.requested\",\"body\":{\"from\":\"a\"},\"reason\":\"x\"}", 400),
                Case.post("send an unknown type", "/messages", "{\"type\":\"no.such.type\",\"body\":{},\"reason\":\"x\"}", 400),
                Case.post("send with a huge delay", "/messages", "{\"type\":\"transfer.requested\",\"body\":"
                        + transfer("a", "b", 1) + ",\"reason\":\"x\",\"delayMs\":999999999999}", 400),
                Case.post("send with a reserved property", "/messages", "{\"type\":\"transfer.requested\",\"body\":"
                        + transfer("a", "b", 1) + ",\"reason\":\"x\",\"properties\":{\"rewindId\":\"x\"}}", 400),
                Case.post("send an id already in the ledger", "/messages", "{\"id\":\"" + processed + "\",\"type\":"
                        + "\"transfer.requested\",\"body\":" + transfer("a", "b", 1) + ",\"reason\":\"x\"}", 409),
                new Case("asks for XML", "GET", "/entries", "operator", null, null, "application/xml", 406));

        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            String password = "wrong password".equals(c.name()) ? "not-the-password" : Http.password(c.user());
            HttpResponse<String> response = http.send(c.method(), c.path(), c.user(), password, c.body(),
                    c.contentType(), c.accept());
            String type = response.headers().firstValue("Content-Type").orElse("");
            String problem = c.name() + ": " + c.method() + " " + c.path() + " -> " + response.statusCode() + " " + type
                    + " " + response.body();
            if (response.statusCode() != c.status() || !type.startsWith("application/problem+json")) {
                failures.add(problem);
                continue;
            }
            JsonObject body = Http.object(response);
            if (body.getInt("status") != c.status() || body.getString("title", "").isBlank()
                    || body.getString("detail", "").isBlank()) {
                failures.add("incomplete problem: " + problem);
                continue;
            }
            assertNoLeak(body.getString("detail"));
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases:\n" + String.join("\n", failures));

        List<String> after = watched.stream().map(path -> http.get(path, "viewer").body()).toList();
        assertEquals(before, after, "the rejected requests changed nothing");
    }

    // --- helpers -------------------------------------------------------------------------------

    static String transfer(String from, String to, long amount) {
        return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount + "}";
    }

    private void awaitStatus(String path, int status) {
        Await.until(path + " answers " + status, WAIT, () -> http.get(path, "viewer").statusCode(), c -> c == status);
    }

    private JsonObject await(String path, Predicate<JsonObject> condition) {
        return Await.until(path + " is as expected", WAIT, () -> {
            HttpResponse<String> response = http.get(path, "viewer");
            return response.statusCode() == 200 ? Http.object(response) : null;
        }, e -> e != null && condition.test(e));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static void assertNoLeak(String detail) {
        assertFalse(detail.contains("Exception") || detail.contains("\tat ") || detail.contains("org.hibernate"),
                "no exception text leaks: " + detail);
    }
}
