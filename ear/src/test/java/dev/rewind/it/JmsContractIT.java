package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.it.support.Await;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.Http;
import dev.rewind.sender.RewindSender;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JMS contract (docs/jms-contract.md) from outside the server: another application sends with the Artemis
 * Jakarta client (over WildFly's HTTP port, or to the standalone broker with -Pproduction) as the
 * demo application user, and a person reads the ledger through the admin API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JmsContractIT {

    private static final int OFFSET = Integer.getInteger("rewind.test.port-offset", 100);
    private static final String API = "http://localhost:" + (8080 + OFFSET) + "/rewind/api";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = Long.toString(System.nanoTime(), 36);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void anotherApplicationSendsAndTheLedgerShowsEveryMessage() throws Exception {
        String alice = "alice-" + run;
        String bob = "bob-" + run;
        UUID transfer = UUID.randomUUID();
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            sender.send("account.opened", "{\"id\":\"" + alice + "\",\"balance\":1000}", UUID.randomUUID());
            sender.send("account.opened", "{\"id\":\"" + bob + "\",\"balance\":0}", UUID.randomUUID());
            awaitStatus(account(alice), 200);
            awaitStatus(account(bob), 200);
            sender.send(RewindSender.INBOUND, "transfer.requested",
                    "{\"from\":\"" + alice + "\",\"to\":\"" + bob + "\",\"amount\":400}", transfer,
                    Map.of("correlation", "order-7"));
        }

        JsonObject entry = await("/entries/" + transfer, e -> "PROCESSED".equals(e.getString("status", "")));
        assertEquals("transfer.requested", entry.getString("type"));
        assertEquals("rewind.inbound", entry.getString("destination"));
        assertEquals(1, entry.getInt("attempts"));
        assertEquals("{\"correlation\":\"order-7\"}", entry.getJsonObject("properties").toString(), "an object, not a string");
        assertEquals(2, entry.getJsonArray("history").size());
        assertEquals(600, json(get(account(alice), "viewer", "viewer-pw")).getInt("balance"));
        assertEquals(400, json(get(account(bob), "viewer", "viewer-pw")).getInt("balance"));
    }

    @Test
    void aSenderWithoutValidCredentialsIsRefused() {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> {
            try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "wrong")) {
                sender.send("transfer.requested", "{}", UUID.randomUUID());
            }
        });
        assertTrue(String.valueOf(refused.getMessage()).contains("AMQ229031")
                        || refused.getClass().getSimpleName().contains("Security"),
                "expected a security refusal, got " + refused);
    }

    @Test
    void theApiNeedsAUserAndAnswersProblemsAsJson() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(API + "/entries")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());

        HttpResponse<String> notAnId = get("/entries/not-a-uuid", "viewer", "viewer-pw");
        assertEquals(400, notAnId.statusCode());
        assertEquals("application/problem+json", notAnId.headers().firstValue("Content-Type").orElse(""));
        assertTrue(json(notAnId).getString("detail").contains("'not-a-uuid' is not a message id"));

        HttpResponse<String> unknown = get("/entries/" + UUID.randomUUID(), "viewer", "viewer-pw");
        assertEquals(404, unknown.statusCode());
        assertEquals(404, json(unknown).getInt("status"));

        HttpResponse<String> badStatus = get("/entries?status=DONE", "viewer", "viewer-pw");
        assertEquals(400, badStatus.statusCode());
        assertTrue(json(badStatus).getString("detail").startsWith("unknown status 'DONE'"));

        HttpResponse<String> viewerFreezing = http.send(HttpRequest.newBuilder(URI.create(Http.ACCOUNTS + "/x/frozen"))
                .header("Authorization", basic("viewer", "viewer-pw")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("true")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, viewerFreezing.statusCode());
    }

    private String account(String id) {
        return Http.ACCOUNTS + "/" + id;
    }

    private void awaitStatus(String path, int status) {
        Await.until(path + " answers " + status, Duration.ofSeconds(60), () -> get(path, "viewer", "viewer-pw").statusCode(),
                code -> code == status);
    }

    private JsonObject await(String path, java.util.function.Predicate<JsonObject> done) {
        return Await.until(path + " is as expected", Duration.ofSeconds(60), () -> {
            HttpResponse<String> response = get(path, "viewer", "viewer-pw");
            return response.statusCode() == 200 ? json(response) : null;
        }, e -> e != null && done.test(e));
    }

    private HttpResponse<String> get(String path, String user, String password) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : API + path)).header("Authorization", basic(user, password))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
