package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.it.support.Await;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.Http;
import dev.rewind.it.support.RawHttp;
import dev.rewind.it.support.RemoteEjb;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API and the broker against hostile and careless clients: generated request bodies
 * that must all be refused with a problem and change nothing, the error paths of the container,
 * the authorization matrix of every endpoint, the broker's rights for the application user, and
 * the login throttle. The generator's seed is fixed ({@code -Drewind.fuzz.seed}); a long run:
 * {@code mvn verify -Dit.test=HostileRequestsIT -Drewind.fuzz.requests=20000 -Drewind.fuzz.seed=$RANDOM}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileRequestsIT {

    private static final long SEED = Long.getLong("rewind.fuzz.seed", 20261128L);
    private static final int REQUESTS = Integer.getInteger("rewind.fuzz.requests", 600);

    private final Http http = new Http();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.withTestBeans(Deployments.ear());
    }

    // --- generated bodies ---------------------------------------------------------------------

    /** A request whose body the generator mutates: every mutation makes it invalid. */
    private record Template(String method, String path, String body) {
    }

    @Test
    void generatedInvalidBodiesAreRefusedWithAProblemAndChangeNothing() {
        UUID failed = RemoteEjb.support(s -> s.seedFailed(1, "fuzz-target", "nobody", "nobody")).get(0);
        UUID processed = RemoteEjb.support(s -> s.seedProcessed(1, java.time.Instant.now())).get(0);
        List<Template> templates = List.of(
                new Template("POST", "/entries/" + failed + "/replay", "{\"reason\":\"r\",\"force\":false}"),
                new Template("POST", "/entries/" + processed + "/revoke", "{\"reason\":\"r\"}"),
                new Template("POST", "/entries/" + processed + "/revoke", "{\"reason\":\"r\",\"cascade\":true,\"dryRun\":true}"),
                new Template("PUT", "/entries/" + failed + "/hold", "{\"hold\":true,\"reason\":\"r\"}"),
                // No properties: an empty object is a valid correction of them (it removes them all).
                new Template("POST", "/entries/" + failed + "/edit", "{\"body\":{\"from\":\"nobody\",\"to\":\"other\","
                        + "\"amount\":1},\"reason\":\"r\"}"),
                new Template("POST", "/jobs", "{\"kind\":\"REPLAY\",\"filter\":{\"status\":\"FAILED\",\"createdFrom\":"
                        + "\"2020-01-01T00:00:00Z\"},\"reason\":\"r\",\"ratePerSecond\":5,\"chunkSize\":10,\"dryRun\":true}"),
                new Template("POST", "/messages", "{\"type\":\"account.opened\",\"body\":{\"id\":\"fuzz\",\"balance\":1},"
                        + "\"reason\":\"r\",\"delayMs\":0}"));
        List<String> watched = List.of("/entries/" + failed, "/entries/" + processed, "/stats");
        List<String> before = Await.until("the ledger is quiet", Duration.ofSeconds(60), () -> snapshot(watched),
                first -> first.equals(snapshot(watched)));

        Random random = new Random(SEED);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Template template = templates.get(random.nextInt(templates.size()));
            Mutation mutation = Mutation.of(template.body(), random);
            RawHttp.Response response = RawHttp.json("127.0.0.1", template.method(), template.path(),
                    basic("operator", "operator-pw"), mutation.bytes());
            String problem = problemOf(response);
            if (problem != null) {
                wrong.add(template.method() + " " + template.path() + " " + mutation.what() + " -> " + problem);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + REQUESTS + " requests:\n"
                + String.join("\n", wrong.subList(0, Math.min(30, wrong.size()))));
        assertEquals(before, snapshot(watched), "the refused requests changed nothing");
    }

    /** Null when the response is a clean 400 problem, else what is wrong with it. */
    private static String problemOf(RawHttp.Response response) {
        String type = String.valueOf(response.header("Content-Type"));
        if (response.status() != 400 || !type.startsWith("application/problem+json")) {
            return response.status() + " " + type + " " + response.body();
        }
        JsonObject body = (JsonObject) Http.json(response.body());
        String detail = body.getString("detail", "");
        if (body.getInt("status") != 400 || detail.isBlank() || !body.getString("type").startsWith("urn:rewind:problem:")) {
            return "incomplete problem " + body;
        }
        for (String leak : new String[] {"Exception", "jakarta.", "org.", "Parsson", "parsson", "Yasson", "\tat "}) {
            if (detail.contains(leak)) {
                return "detail leaks '" + leak + "': " + detail;
            }
        }
        return null;
    }

    /** One way to make a valid body invalid, and the bytes it gives. */
    private record Mutation(String what, byte[] bytes) {

        static Mutation of(String body, Random random) {
            List<String> fields = topLevelFields(body);
            String field = fields.get(random.nextInt(fields.size()));
            String[] wrongValues = {"\"yes\"", "1", "0", "-1", "4294967297", "-4294967295", "1.5", "1e400", "true",
                    "[]", "{}", "\"\"", "\"true\"", "\"5\"", "9223372036854775808", "\"2026-13-45\""};
            switch (random.nextInt(7)) {
                case 0 -> {
                    // A value of the wrong type or range, chosen so that no field could accept it.
                    String value = wrongValueFor(field, wrongValues, random);
                    return text("field " + field + " = " + value, replaceValue(body, field, value));
                }
                case 1 -> {
                    return text("duplicate " + field, body.substring(0, body.length() - 1) + ",\"" + field + "\":"
                            + valueOf(body, field) + "}");
                }
                case 2 -> {
                    return text("unknown field", body.substring(0, body.length() - 1) + ",\"forse\":true}");
                }
                case 3 -> {
                    int cut = 1 + random.nextInt(body.length() - 1);
                    return text("cut at " + cut, body.substring(0, cut));
                }
                case 4 -> {
                    byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
                    byte[] bad = invalid[random.nextInt(invalid.length)];
                    String prefix = body.substring(0, body.indexOf("\"r\"") + 2);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
                    out.writeBytes(bad);
                    out.writeBytes(body.substring(prefix.length()).getBytes(StandardCharsets.UTF_8));
                    return new Mutation("invalid UTF-8 in reason", out.toByteArray());
                }
                case 5 -> {
                    String[] shapes = {"[" + body + "]", "null", "\"" + body.replace("\"", "\\\"") + "\"", body + " {}",
                            body + "x", "", "\uFEFF" + body};
                    String shape = shapes[random.nextInt(shapes.length)];
                    return text("shape", shape);
                }
                default -> {
                    return text("without reason", body.replace("\"reason\":\"r\",", "").replace(",\"reason\":\"r\"", "")
                            .replace("\"reason\":\"r\"", ""));
                }
            }
        }

        private static String wrongValueFor(String field, String[] values, Random random) {
            while (true) {
                String value = values[random.nextInt(values.length)];
                boolean acceptable = switch (field) {
                    // What each field would take from the list; everything else must be refused.
                    case "ratePerSecond", "chunkSize", "delayMs" -> value.equals("1") || value.equals("0");
                    case "force", "hold", "dryRun", "cascade" -> value.equals("true");
                    case "reason" -> value.startsWith("\"") && !value.equals("\"\"");
                    case "filter" -> value.equals("{}");
                    default -> false;
                };
                if (!acceptable) {
                    return value;
                }
            }
        }

        private static Mutation text(String what, String body) {
            return new Mutation(what, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The names of the top-level fields of a flat-ish template (nested objects are skipped over). */
    static List<String> topLevelFields(String body) {
        List<String> fields = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '"' && depth == 1 && (body.charAt(i - 1) == '{' || body.charAt(i - 1) == ',')) {
                int end = body.indexOf('"', i + 1);
                fields.add(body.substring(i + 1, end));
                i = end;
            } else if (c == '"') {
                i = body.indexOf('"', i + 1);
            }
        }
        return fields;
    }

    static String valueOf(String body, String field) {
        int start = body.indexOf("\"" + field + "\":") + field.length() + 3;
        int depth = 0;
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return body.substring(start, i);
                }
                depth--;
            } else if (c == '"') {
                i = body.indexOf('"', i + 1);
            } else if (c == ',' && depth == 0) {
                return body.substring(start, i);
            }
        }
        return body.substring(start);
    }

    static String replaceValue(String body, String field, String value) {
        String old = "\"" + field + "\":" + valueOf(body, field);
        return body.replace(old, "\"" + field + "\":" + value);
    }

    private List<String> snapshot(List<String> paths) {
        return paths.stream().map(path -> http.get(path, "viewer").body()).toList();
    }

    // --- the probe's findings, one regression each -----------------------------------------------

    @Test
    void requestsAreNotCoercedIntoActions() {
        UUID failed = RemoteEjb.support(s -> s.seedFailed(1, "coercion", "nobody", "nobody")).get(0);
        String entry = http.get("/entries/" + failed, "viewer").body();
        Map<String, String> refused = Map.of(
                "/jobs", "{\"kind\":\"REPLAY\",\"filter\":{\"status\":\"FAILED\"},\"reason\":\"r\",\"dryRun\":\"yes\"}",
                "/entries/" + failed + "/replay", "{\"reason\":\"r\",\"force\":1}");
        refused.forEach((path, body) -> {
            HttpResponse<String> response = http.post(path, "operator", body);
            assertEquals(400, response.statusCode(), path + " " + body + " -> " + response.body());
        });
        for (String body : new String[] {"{\"hold\":1,\"reason\":\"r\"}", "{\"hold\":\"false\",\"reason\":\"r\"}"}) {
            assertEquals(400, http.send("PUT", "/entries/" + failed + "/hold", "operator", "operator-pw", body, null, null)
                    .statusCode(), body);
        }
        for (String rate : new String[] {"4294967297", "-4294967295", "2.5", "1e3x"}) {
            HttpResponse<String> response = http.post("/jobs", "operator",
                    "{\"kind\":\"REPLAY\",\"filter\":{},\"reason\":\"r\",\"dryRun\":true,\"ratePerSecond\":" + rate + "}");
            assertEquals(400, response.statusCode(), rate + " -> " + response.body());
        }
        HttpResponse<String> duplicate = http.post("/entries/" + failed + "/revoke", "operator",
                "{\"reason\":\"a\",\"reason\":\"b\"}");
        assertEquals(400, duplicate.statusCode(), duplicate.body());
        assertTrue(Http.object(duplicate).getString("detail").contains("reason"), duplicate.body());
        RawHttp.Response notUtf8 = RawHttp.json("127.0.0.1", "POST", "/entries/" + failed + "/revoke",
                basic("operator", "operator-pw"), new byte[] {'{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"',
                        (byte) 0xC3, 0x28, '"', '}'});
        assertEquals(400, notUtf8.status(), notUtf8.body());
        assertEquals(entry, http.get("/entries/" + failed, "viewer").body(), "nothing changed");
    }

    @Test
    void everyErrorPathAnswersACleanProblem() {
        String huge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("99999999999999999999999.999999999." + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        String hugeLong = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("9223372036854775807.999999999." + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        for (String path : new String[] {"/entries?cursor=" + huge, "/entries?cursor=" + hugeLong,
                "/entries?limit=99999999999999999999", "/entries?createdFrom=%2B1000000000-01-01T00:00:00Z",
                "/entries?errorClass=%3Cscript%3E", "/jobs?cursor=abc", "/jobs?cursor=" + huge, "/jobs?limit=101", "/jobs?state=DONE",
                "/entries?wouldSucceedIn=-1", "/entries?wouldSucceedIn=x",
                "/jobs?limit=0"}) {
            HttpResponse<String> response = http.get(path, "viewer");
            assertEquals(400, response.statusCode(), path + " -> " + response.body());
            assertProblem(response.headers().firstValue("Content-Type").orElse(""), response.body());
        }
        for (String authorization : new String[] {"Basic %%%", "Basic", "Basic " + b64("no-colon"),
                "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28, ':', 'x'})}) {
            RawHttp.Response response = RawHttp.send("127.0.0.1", "GET /rewind/api/entries HTTP/1.1\r\nHost: localhost"
                    + "\r\nAuthorization: " + authorization, new byte[0]);
            assertEquals(400, response.status(), authorization + " -> " + response.head());
            assertProblem(response.header("Content-Type"), response.body());
        }
        HttpResponse<String> direct = http.send("GET", Http.BASE + "/rewind/problem", null, null, null, null, null);
        assertEquals(404, direct.statusCode(), direct.body());
        assertProblem(direct.headers().firstValue("Content-Type").orElse(""), direct.body());

        // Refused by the server before the application, as docs/api.md describes: no body to read.
        RawHttp.Response trace = RawHttp.send("127.0.0.1", "TRACE /rewind/api/entries HTTP/1.1\r\nHost: localhost",
                new byte[0]);
        assertEquals(405, trace.status(), trace.head());
        RawHttp.Response badLength = RawHttp.send("127.0.0.1", "POST /rewind/api/jobs HTTP/1.1\r\nHost: localhost"
                + "\r\nContent-Type: application/json\r\nContent-Length: 12abc", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badLength.status(), badLength.head());
    }

    private static void assertProblem(String contentType, String body) {
        assertTrue(String.valueOf(contentType).startsWith("application/problem+json"), contentType + " " + body);
        JsonObject problem = (JsonObject) Http.json(body);
        assertTrue(problem.getString("type").startsWith("urn:rewind:problem:"), body);
        assertFalse(problem.getString("detail").isBlank(), body);
        ApiIT.assertNoLeak(problem.getString("detail"));
    }

    // --- authorization ---------------------------------------------------------------------------

    private record Endpoint(String method, String path, String body, boolean viewer, boolean sender, boolean operator,
                            boolean approver) {
        /** An endpoint every operator may call and the approver role alone may not. */
        Endpoint(String method, String path, String body, boolean viewer, boolean sender) {
            this(method, path, body, viewer, sender, true, false);
        }
    }

    @Test
    void everyEndpointAnswersEachRoleAsDocumented() {
        String unknown = UUID.randomUUID().toString();
        // Bodies and ids chosen so that an allowed request changes nothing (unknown ids, invalid bodies).
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "/entries", null, true, false),
                new Endpoint("GET", "/entries/" + unknown, null, true, false),
                new Endpoint("POST", "/entries/" + unknown + "/replay", "{\"reason\":\"x\"}", false, false),
                new Endpoint("POST", "/entries/" + unknown + "/revoke", "{}", false, false),
                new Endpoint("POST", "/entries/" + unknown + "/edit", "{\"reason\":\"x\"}", false, false),
                new Endpoint("POST", "/entries/" + unknown + "/rehearse", "{\"reason\":\"x\"}", false, false),
                new Endpoint("PUT", "/entries/" + unknown + "/hold", "{\"hold\":true,\"reason\":\"x\"}", false, false),
                new Endpoint("POST", "/jobs", "{}", false, false),
                new Endpoint("GET", "/jobs", null, true, false),
                new Endpoint("GET", "/jobs/999999999", null, true, false),
                new Endpoint("GET", "/jobs/999999999/rehearsal", null, true, false),
                new Endpoint("POST", "/jobs/999999999/cancel", "{\"reason\":\"x\"}", false, false),
                new Endpoint("POST", "/messages", "{}", false, true),
                new Endpoint("GET", "/stats", null, true, false),
                new Endpoint("GET", "/stats/failures", null, true, false),
                new Endpoint("GET", "/nodes", null, true, false),
                new Endpoint("GET", "/me", null, true, true),
                new Endpoint("GET", "/entries/" + unknown + "/lineage", null, true, false),
                new Endpoint("GET", "/approvals", null, true, false, true, true),
                new Endpoint("GET", "/approvals/999999999", null, true, false, true, true),
                new Endpoint("POST", "/approvals/999999999/approve", "{\"reason\":\"x\"}", false, false, false, true),
                new Endpoint("POST", "/approvals/999999999/reject", "{}", false, false, false, true));
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints) {
            check(wrong, e, null, null, 401);
            check(wrong, e, "rewind-app", e.sender() ? 0 : 403, 0);
            check(wrong, e, "viewer", e.viewer() ? 0 : 403, 0);
            check(wrong, e, "operator", e.operator() ? 0 : 403, 0);
            // The demo's approver has rewind-approver and rewind-viewer; lead has operator and approver.
            check(wrong, e, "approver", e.approver() || e.viewer() ? 0 : 403, 0);
            check(wrong, e, "lead", e.approver() || e.operator() ? 0 : 403, 0);
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** {@code expected} 0 means allowed: any answer but 401 and 403. */
    private void check(List<String> wrong, Endpoint e, String user, Integer expected, int anonymous) {
        int want = user == null ? anonymous : expected;
        HttpResponse<String> response = http.send(e.method(), e.path(), user, Http.password(user), e.body(), null, null);
        int status = response.statusCode();
        boolean ok = want == 0 ? status != 401 && status != 403 && status < 500 : status == want;
        if (!ok) {
            wrong.add((user == null ? "anonymous" : user) + " " + e.method() + " " + e.path() + " -> " + status
                    + " (wanted " + (want == 0 ? "allowed" : want) + ")");
        }
    }

    @Test
    void theApplicationUserMaySendToTheInboundQueueOnly() {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(Http.JMS_URL, "rewind-app", "rewind-app-pw");
             JMSContext jms = factory.createContext()) {
            Queue inbound = jms.createQueue("rewind.inbound");
            Queue deadLetters = jms.createQueue("rewind.DLQ");
            Queue compensation = jms.createQueue("rewind.compensation");
            assertThrows(JMSRuntimeException.class, () -> jms.createConsumer(inbound).receive(500), "consume inbound");
            assertThrows(JMSRuntimeException.class, () -> jms.createConsumer(deadLetters).receive(500), "consume DLQ");
            assertThrows(jakarta.jms.JMSSecurityException.class,
                    () -> jms.createBrowser(deadLetters).getEnumeration().hasMoreElements(), "browse DLQ");
            assertThrows(JMSRuntimeException.class, () -> jms.createProducer().send(compensation, "{}"),
                    "send to compensation");
            assertThrows(JMSRuntimeException.class, () -> jms.createProducer().send(deadLetters, "{}"), "send to DLQ");
        }
    }

    // --- double submits ----------------------------------------------------------------------------

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstAnswerAndActsOnce() throws Exception {
        UUID processed = RemoteEjb.support(s -> s.seedProcessed(1, java.time.Instant.now())).get(0);
        String path = "/entries/" + processed + "/replay";
        // To the parking queue, which nothing consumes: the replay must not end in the DLQ while later tests count it.
        String body = "{\"reason\":\"double click\",\"force\":true,\"target\":\"" + BulkIT.PARKING + "\"}";
        String key = "click-" + UUID.randomUUID();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> clicks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clicks.add(pool.submit(() -> withKey("POST", path, body, key)));
            }
            int ok = 0;
            for (var click : clicks) {
                int status = click.get().statusCode();
                assertTrue(status == 200 || status == 409, "a click answers the replay or 'in use': " + status);
                ok += status == 200 ? 1 : 0;
            }
            assertTrue(ok >= 1);
        } finally {
            pool.shutdown();
        }
        HttpResponse<String> again = withKey("POST", path, body, key);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotency-Replayed").orElse(""));
        assertEquals(1, http.getJson("/entries/" + processed, "viewer").getInt("replays"), "replayed once");

        HttpResponse<String> other = withKey("POST", path, "{\"reason\":\"another\",\"force\":true,\"target\":\""
                + BulkIT.PARKING + "\"}", key);
        assertEquals(422, other.statusCode(), other.body());
        assertEquals(400, withKey("POST", path, body, "bad key with spaces").statusCode());
        assertEquals(1, http.getJson("/entries/" + processed, "viewer").getInt("replays"), "still once");
    }

    private HttpResponse<String> withKey(String method, String path, String body, String key) {
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(Http.API + path))
                    .header("Authorization", basic("operator", "operator-pw"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- logins ----------------------------------------------------------------------------------

    @Test
    void anAddressThatKeepsFailingIsRefusedForAWhileAndNobodyElseIs() throws Exception {
        // The test server runs with rewind.login.max-failures=5 and rewind.login.block-seconds=4.
        String guesser = "127.0.0.3";
        for (int i = 0; i < 5; i++) {
            RawHttp.Response guess = RawHttp.send(guesser, "GET /rewind/api/entries HTTP/1.1\r\nHost: localhost"
                    + "\r\nAuthorization: " + basic("operator", "guess-" + i), new byte[0]);
            assertEquals(401, guess.status(), guess.head());
        }
        RawHttp.Response refused = RawHttp.send(guesser, "GET /rewind/api/entries HTTP/1.1\r\nHost: localhost"
                + "\r\nAuthorization: " + basic("operator", "operator-pw"), new byte[0]);
        assertEquals(429, refused.status(), refused.head());
        assertNotNull(refused.header("Retry-After"));
        assertProblem(refused.header("Content-Type"), refused.body());

        assertEquals(200, http.get("/entries", "operator").statusCode(), "the operator elsewhere is not locked out");
        RawHttp.Response other = RawHttp.send("127.0.0.4", "GET /rewind/api/entries HTTP/1.1\r\nHost: localhost"
                + "\r\nAuthorization: " + basic("operator", "operator-pw"), new byte[0]);
        assertEquals(200, other.status(), other.head());

        Thread.sleep(4_500);
        RawHttp.Response later = RawHttp.send(guesser, "GET /rewind/api/entries HTTP/1.1\r\nHost: localhost"
                + "\r\nAuthorization: " + basic("operator", "operator-pw"), new byte[0]);
        assertEquals(200, later.status(), "the block ends: " + later.head());
    }

    private static String basic(String user, String password) {
        return "Basic " + b64(user + ":" + password);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
