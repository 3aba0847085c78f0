package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.it.support.Await;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.Http;
import dev.rewind.it.support.RemoteEjb;
import dev.rewind.message.MessageIds;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Generated hostile and careless JMS messages, sent as another application would: every message
 * that reaches the inbound queue has exactly one ledger entry, PROCESSED when it is usable and
 * FAILED with a precise reason (its original kept in the DLQ) when it is not; nothing reaches the
 * DLQ without an entry. The seed is fixed ({@code -Drewind.fuzz.seed}); a long run:
 * {@code mvn verify -Dit.test=InboundFuzzIT -Drewind.fuzz.messages=5000 -Drewind.fuzz.seed=$RANDOM}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InboundFuzzIT {

    private static final long SEED = Long.getLong("rewind.fuzz.seed", 20261128L);
    private static final int COUNT = Integer.getInteger("rewind.fuzz.messages", 150);
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final Http http = new Http();
    private final String run = Long.toString(System.nanoTime(), 36);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.withTestBeans(Deployments.ear());
    }

    /** What was sent, and what the ledger must say of it: null for PROCESSED, else a fragment of the FAILED reason. */
    private record Sent(UUID id, String kind, String reasonFragment) {
    }

    @Test
    void everyInboundMessageHasExactlyOneEntryProcessedOrFailedWithItsReason() throws Exception {
        long deadLettersBefore = RemoteEjb.support(s -> s.queueCount("rewind.DLQ"));
        double rejectionsBefore = rejections();
        Random random = new Random(SEED);
        List<Sent> sent = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(Http.JMS_URL, "rewind-app", "rewind-app-pw");
             JMSContext jms = factory.createContext()) {
            Queue inbound = jms.createQueue("rewind.inbound");
            for (int i = 0; i < COUNT; i++) {
                sent.add(sendOne(jms, inbound, random, i));
            }
            // Boundaries sent once each: a body one character over the ledger's limit, a type exactly at it.
            sent.add(send(jms, inbound, "body-too-long", text(jms, "account.opened", "x".repeat(1_048_577)),
                    "more than the ledger's limit of 1048576"));
            sent.add(send(jms, inbound, "type-at-limit", text(jms, "t".repeat(200), "{}"), "no handler is registered"));
        }

        List<String> wrong = new ArrayList<>();
        for (Sent s : sent) {
            JsonObject entry = Await.until(s.kind() + " " + s.id() + " is settled", WAIT, () -> entry(s.id()),
                    e -> e != null && ("PROCESSED".equals(e.getString("status")) || "FAILED".equals(e.getString("status"))));
            String status = entry.getString("status");
            if (s.reasonFragment() == null) {
                if (!"PROCESSED".equals(status)) {
                    wrong.add(s.kind() + " " + s.id() + ": " + status + " " + entry.get("lastError"));
                }
            } else if (!"FAILED".equals(status) || !"rejected".equals(entry.getString("errorClass", ""))
                    || !entry.getString("lastError", "").contains(s.reasonFragment())) {
                wrong.add(s.kind() + " " + s.id() + ": " + status + " " + entry.get("lastError") + " (wanted '"
                        + s.reasonFragment() + "')");
            } else if (entry.getInt("attempts") != 1) {
                wrong.add(s.kind() + " " + s.id() + ": rejected once, but " + entry.getInt("attempts") + " attempts");
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + sent.size() + " messages:\n" + String.join("\n", wrong));

        long rejected = sent.stream().filter(s -> s.reasonFragment() != null).count();
        assertTrue(rejected > 20 && rejected < sent.size(), "the generator made both kinds: " + rejected);
        Await.until("every rejected message is kept in the DLQ", WAIT,
                () -> RemoteEjb.support(s -> s.queueCount("rewind.DLQ")) - deadLettersBefore, n -> n == rejected);
        assertEquals(rejected, Math.round(rejections() - rejectionsBefore), "rewind_rejections_total counts them");
    }

    @Test
    void concurrentDuplicatesOfOneMessageLeaveOneEntryAndNoFailedAttempt() throws Exception {
        UUID id = UUID.randomUUID();
        String body = "{\"id\":\"dup-" + run + "\",\"balance\":5}";
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(Http.JMS_URL, "rewind-app", "rewind-app-pw");
             JMSContext jms = factory.createContext()) {
            Queue inbound = jms.createQueue("rewind.inbound");
            for (int i = 0; i < 8; i++) {
                TextMessage copy = text(jms, "account.opened", body);
                copy.setStringProperty("rewindId", id.toString());
                jms.createProducer().send(inbound, copy);
            }
        }
        JsonObject entry = Await.until("the duplicates are consumed", WAIT, () -> entry(id),
                e -> e != null && "PROCESSED".equals(e.getString("status")));
        Thread.sleep(2_000); // the other copies are skipped or fail against the first one's account
        entry = entry(id);
        assertEquals("PROCESSED", entry.getString("status"));
        for (JsonValue attempt : entry.getJsonArray("attemptLog")) {
            assertEquals("SUCCEEDED", attempt.asJsonObject().getString("outcome"),
                    "the losing duplicates recorded nothing against the winner's entry: " + entry);
        }
    }

    // --- the generator ------------------------------------------------------------------------

    private Sent sendOne(JMSContext jms, Queue inbound, Random random, int n) throws JMSException {
        switch (random.nextInt(16)) {
            case 0, 1, 2, 3 -> {
                return send(jms, inbound, "valid", opening(jms, n), null);
            }
            case 4 -> {
                TextMessage m = opening(jms, n);
                m.setJMSType("account.opened" + "x".repeat(187 + random.nextInt(3000)));
                return send(jms, inbound, "long-type", m, "the JMSType has");
            }
            case 5 -> {
                TextMessage m = opening(jms, n);
                double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
                if (random.nextBoolean()) {
                    m.setDoubleProperty("score", odd[random.nextInt(3)]);
                } else {
                    m.setFloatProperty("score", Float.NaN);
                }
                return send(jms, inbound, "non-finite-property", m, "which JSON (the ledger's form of properties) cannot hold");
            }
            case 6 -> {
                TextMessage m = opening(jms, n);
                m.setStringProperty("note", "n".repeat(65_536 + random.nextInt(10_000)));
                return send(jms, inbound, "long-property", m, "characters as JSON, more than the ledger's limit");
            }
            case 7 -> {
                TextMessage m = text(jms, "account.opened", "{\"id\":\"nul\u0000" + n + "\",\"balance\":1}");
                return send(jms, inbound, "nul-in-body", m, "NUL character");
            }
            case 8 -> {
                TextMessage m = opening(jms, n);
                m.setStringProperty("who", random.nextBoolean() ? "a\u0000b" : "half \uD800 pair");
                return send(jms, inbound, "unstorable-property", m, "property 'who'");
            }
            case 9 -> {
                BytesMessage m = jms.createBytesMessage();
                m.writeBytes(new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF});
                m.setJMSType("account.opened");
                return send(jms, inbound, "bytes", m, "is not a TextMessage");
            }
            case 10 -> {
                MapMessage m = jms.createMapMessage();
                m.setString("id", "map");
                m.setJMSType("account.opened");
                return send(jms, inbound, "map", m, "is not a TextMessage");
            }
            case 11 -> {
                return send(jms, inbound, "empty-body", text(jms, "account.opened", random.nextBoolean() ? "" : "   "),
                        "the message body is empty");
            }
            case 12 -> {
                return send(jms, inbound, "no-type", text(jms, null, "{}"), "has no JMSType");
            }
            case 13 -> {
                TextMessage m = opening(jms, n);
                m.setStringProperty("rewindId", junk(random));
                return sendWithoutId(jms, inbound, "bad-id", m, "is not a UUID");
            }
            case 14 -> {
                String type = "unknown." + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                return send(jms, inbound, "unknown-type", text(jms, type, "{}"), "no handler is registered");
            }
            default -> {
                String[] bad = {"{", "[]", "{\"id\":", "null", "{\"id\":\"x\",\"balance\":\"lots\"}", "\uFEFF{}", "12"};
                return send(jms, inbound, "unreadable-payload",
                        text(jms, "account.opened", bad[random.nextInt(bad.length)]), "the body is");
            }
        }
    }

    /** A valid account opening with properties of every JMS kind. */
    private TextMessage opening(JMSContext jms, int n) throws JMSException {
        TextMessage m = text(jms, "account.opened", "{\"id\":\"fuzz-" + run + "-" + n + "\",\"balance\":" + n + "}");
        m.setByteProperty("b", (byte) -3);
        m.setShortProperty("s", (short) 300);
        m.setIntProperty("i", Integer.MIN_VALUE);
        m.setLongProperty("l", Long.MAX_VALUE);
        m.setFloatProperty("f", 1.5f);
        m.setDoubleProperty("d", -0.25);
        m.setBooleanProperty("flag", true);
        m.setStringProperty("text", "zürich \uD83D\uDE00 \"quoted\" \\ </script>");
        return m;
    }

    private static TextMessage text(JMSContext jms, String type, String body) throws JMSException {
        TextMessage m = jms.createTextMessage(body);
        if (type != null) {
            m.setJMSType(type);
        }
        return m;
    }

    private static String junk(Random random) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(300);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x3000)));
        }
        return text.toString();
    }

    private static Sent send(JMSContext jms, Queue queue, String kind, Message message, String reason) throws JMSException {
        UUID id = UUID.randomUUID();
        message.setStringProperty("rewindId", id.toString());
        jms.createProducer().send(queue, message);
        return new Sent(id, kind, reason);
    }

    /** For a message whose rewindId is not a UUID: its entry's id derives from the JMSMessageID. */
    private static Sent sendWithoutId(JMSContext jms, Queue queue, String kind, Message message, String reason)
            throws JMSException {
        jms.createProducer().send(queue, message);
        return new Sent(MessageIds.fromJmsMessageId(message.getJMSMessageID()), kind, reason);
    }

    private JsonObject entry(UUID id) {
        HttpResponse<String> response = http.get("/entries/" + id, "viewer");
        return response.statusCode() == 200 ? Http.object(response) : null;
    }

    /** The sum of rewind_rejections_total over its reasons, from the Prometheus endpoint. */
    private double rejections() {
        HttpResponse<String> response = http.send("GET", Http.MANAGEMENT + "/prometheus", null, null, null, null, null);
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("rewind_rejections_total{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
