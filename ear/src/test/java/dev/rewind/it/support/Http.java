package dev.rewind.it.support;

import dev.rewind.sender.RewindSender;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small HTTP client for the admin API of the test server, as an operator's script would use it. */
public final class Http {

    public static final int OFFSET = Integer.getInteger("rewind.test.port-offset", 100);
    public static final String BASE = "http://localhost:" + (8080 + OFFSET);
    public static final String API = BASE + "/rewind/api";
    /** The example domain's accounts (its own web module). */
    public static final String ACCOUNTS = BASE + "/rewind-example/api/accounts";
    public static final String MANAGEMENT = "http://localhost:" + (9990 + OFFSET);
    /** Where other applications send: WildFly's HTTP port (embedded broker), or the standalone broker with -Pproduction. */
    public static final String JMS_URL = System.getProperty("rewind.test.jms-url", "").isBlank()
            ? RewindSender.DEFAULT_URL.replace(":8080", ":" + (8080 + OFFSET))
            : System.getProperty("rewind.test.jms-url");

    private final HttpClient client = HttpClient.newHttpClient();

    /** One request; {@code user} null for anonymous, {@code contentType} null for JSON. */
    public HttpResponse<String> send(String method, String url, String user, String password, String body, String contentType,
                              String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : API + url));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (body != null) {
            request.header("Content-Type", contentType == null ? "application/json" : contentType);
            request.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        }
    }

    public HttpResponse<String> get(String path, String user) {
        return send("GET", path, user, password(user), null, null, null);
    }

    public HttpResponse<String> post(String path, String user, String json) {
        return send("POST", path, user, password(user), json, null, null);
    }

    public JsonObject getJson(String path, String user) {
        HttpResponse<String> response = get(path, user);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return object(response);
    }

    public static JsonObject object(HttpResponse<String> response) {
        return (JsonObject) json(response.body());
    }

    public static JsonStructure json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.read();
        }
    }

    public static String password(String user) {
        return user == null ? null : user + "-pw";
    }
}
