package dev.rewind.it;

import dev.rewind.it.support.Await;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.ExampleClient;
import dev.rewind.it.support.Http;
import dev.rewind.it.support.LineageHandlers;
import dev.rewind.sender.RewindSender;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Causal lineage and the cascading revoke over the admin API, with the example domain (a transfer causes a fee and a
 * notification) and test handlers that build trees of any shape ({@link LineageHandlers}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LineageIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private final Http http = new Http();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final ExampleClient example = new ExampleClient(run);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.withLineageHandlers();
    }

    @Test
    void aCascadeUndoesATransferItsFeeAndItsNotificationWhatItCausedFirst() throws Exception {
        String alice = example.open("ln-alice", 10_000);
        String bob = example.open("ln-bob", 0);
        long fees = example.feesBalance();
        UUID transfer = example.transferWithFeeAndNotification(alice, bob, 1000, 50, "rent " + run);
        example.awaitEntry(transfer, e -> "PROCESSED".equals(e.getString("status")));
        JsonObject lineage = http.getJson("/entries/" + transfer + "/lineage", "viewer");
        JsonArray children = lineage.getJsonObject("entry").getJsonArray("children");
        assertEquals(2, children.size(), lineage.toString());
        assertEquals(List.of("fee.charged", "notification.requested"),
                children.stream().map(c -> c.asJsonObject().getString("type")).sorted().toList());
        for (JsonValue child : children) {
            UUID id = UUID.fromString(child.asJsonObject().getString("id"));
            JsonObject entry = example.awaitEntry(id, e -> "PROCESSED".equals(e.getString("status")));
            assertEquals(transfer.toString(), entry.getString("causedBy"));
            // Seen from the child: its cause above it, nothing below.
            JsonObject up = http.getJson("/entries/" + id + "/lineage", "viewer");
            assertEquals(transfer.toString(), up.getJsonArray("causes").getJsonObject(0).getString("id"));
            assertEquals(0, up.getJsonObject("entry").getJsonArray("children").size());
        }
        assertEquals(9_000 - 50, example.balance(alice));
        assertEquals(1_000, example.balance(bob));
        assertEquals(fees + 50, example.feesBalance());
        assertEquals(1, example.notifications(bob));

        // The dry run: the plan, deepest first, each by its mode; nothing changes.
        JsonObject plan = Http.object(revoke(transfer, "{\"reason\":\"what would it do " + run + "\",\"cascade\":true,\"dryRun\":true}", 200));
        assertTrue(plan.getBoolean("dryRun"));
        JsonArray steps = plan.getJsonArray("steps");
        assertEquals(3, steps.size(), plan.toString());
        assertEquals(transfer.toString(), steps.getJsonObject(2).getString("id"));
        for (JsonValue step : steps) {
            assertEquals("COMPENSATE", step.asJsonObject().getString("mode"));
        }
        assertEquals(1, steps.getJsonObject(0).getInt("depth"));
        assertEquals(0, steps.getJsonObject(2).getInt("depth"));
        assertEquals("PROCESSED", example.entry(transfer).getString("status"));

        // notification.requested is on the test server's approval list (compensate-types): the cascade waits.
        HttpResponse<String> held = revoke(transfer, "{\"reason\":\"the transfer was a mistake " + run + "\",\"cascade\":true}", 202);
        JsonObject heldPlan = Http.object(held);
        JsonObject approval = heldPlan.getJsonObject("approval");
        assertEquals("AWAITING_APPROVAL", approval.getString("state"));
        assertTrue(approval.getBoolean("cascade"));
        assertEquals(steps, heldPlan.getJsonArray("steps"), "the held plan is the dry run's");
        assertTrue(held.headers().firstValue("Location").orElseThrow().endsWith("/approvals/" + approval.getInt("id")));
        assertEquals(approval.getInt("id"), example.entry(transfer).getJsonObject("pendingApproval").getInt("id"));
        for (JsonValue step : steps) {
            assertEquals("PROCESSED", example.entry(id(step)).getString("status"), "nothing runs before approval");
        }
        JsonObject approved = Http.object(http.post("/approvals/" + approval.getInt("id") + "/approve", "approver",
                "{\"reason\":\"checked with the desk\"}"));
        assertEquals("APPROVED", approved.getString("state"), approved.toString());

        for (JsonValue step : steps) {
            example.awaitEntry(id(step), e -> "REVOKED".equals(e.getString("status")));
        }
        assertEquals(10_000, example.balance(alice));
        assertEquals(0, example.balance(bob));
        assertEquals(fees, example.feesBalance());
        assertEquals(0, example.notifications(bob));

        // Recorded order: each child's compensation committed before the transfer's began.
        Instant parentStarted = compensation(transfer).getString("startedAt").transform(Instant::parse);
        for (int i = 0; i < 2; i++) {
            Instant childEnded = Instant.parse(compensation(id(steps.get(i))).getString("endedAt"));
            assertFalse(childEnded.isAfter(parentStarted), "child compensated at " + childEnded + ", parent began at " + parentStarted);
        }
        JsonObject root = example.entry(transfer);
        assertNull(root.get("pendingApproval"));
        String history = root.getJsonArray("history").toString();
        assertTrue(history.contains("compensate after the 2 messages it caused"), history);
        assertTrue(history.contains("approved by approver: checked with the desk"), history);
        assertTrue(history.contains("its compensation is sent"), history);
        // What was planned is what was done: each child's history names the cascade.
        for (int i = 0; i < 2; i++) {
            String childHistory = example.entry(id(steps.get(i))).getJsonArray("history").toString();
            assertTrue(childHistory.contains("compensate (cascade of " + transfer + ")"), childHistory);
        }
    }

    @Test
    void aScheduledFeeIsWithdrawnAndTheTransferCompensated() throws Exception {
        String alice = example.open("ls-alice", 5_000);
        String bob = example.open("ls-bob", 0);
        long fees = example.feesBalance();
        UUID transfer = UUID.randomUUID();
        try (RewindSender sender = ExampleClient.sender()) {
            sender.send("transfer.requested", "{\"from\":\"" + alice + "\",\"to\":\"" + bob
                    + "\",\"amount\":700,\"fee\":30,\"feeDelayMs\":600000}", transfer);
        }
        example.awaitEntry(transfer, e -> "PROCESSED".equals(e.getString("status")));
        UUID fee = id(http.getJson("/entries/" + transfer + "/lineage", "viewer").getJsonObject("entry")
                .getJsonArray("children").get(0));
        assertEquals("PENDING", example.entry(fee).getString("status"));

        JsonObject dry = Http.object(revoke(transfer, "{\"reason\":\"plan " + run + "\",\"cascade\":true,\"dryRun\":true}", 200));
        Map<String, String> planned = modes(dry);
        assertEquals(Map.of(fee.toString(), "WITHDRAW", transfer.toString(), "COMPENSATE"), planned);

        JsonObject done = Http.object(revoke(transfer, "{\"reason\":\"undo " + run + "\",\"cascade\":true}", 200));
        assertFalse(done.getBoolean("dryRun"));
        assertEquals(planned, modes(done), "the cascade did what the dry run said");
        assertEquals("REVOKED", example.entry(fee).getString("status"), "withdrawn in the cascade's transaction");
        example.awaitEntry(transfer, e -> "REVOKED".equals(e.getString("status")));
        assertEquals(5_000, example.balance(alice));
        assertEquals(0, example.balance(bob));
        assertEquals(fees, example.feesBalance(), "the fee was never charged");
        String feeHistory = example.entry(fee).getJsonArray("history").toString();
        assertTrue(feeHistory.contains("withdraw (cascade of " + transfer + ")"), feeHistory);

        // Again: refused, the transfer is taken back already.
        assertTrue(revoke(transfer, "{\"reason\":\"twice\",\"cascade\":true}", 409).body().contains("already REVOKED"));
    }

    @Test
    void aDescendantThatCannotBeRevokedStopsTheCascadeBeforeAnythingChanges() throws Exception {
        // root -> [node -> [plain], node]: the plain one ran and has no compensation.
        String tree = "{\"children\":[{\"type\":\"lineage.node\",\"children\":[{\"type\":\"lineage.plain\"}]},"
                + "{\"type\":\"lineage.node\",\"children\":[]}]}";
        UUID root = send(tree);
        List<JsonObject> nodes = awaitTree(root, 4);
        UUID plain = nodes.stream().filter(n -> n.getString("type").equals(LineageHandlers.PLAIN))
                .map(LineageIT::id).findFirst().orElseThrow();
        Map<UUID, JsonObject> before = new HashMap<>();
        for (JsonObject node : nodes) {
            before.put(id(node), example.entry(id(node)));
        }

        for (String body : List.of("{\"reason\":\"r\",\"cascade\":true,\"dryRun\":true}", "{\"reason\":\"r\",\"cascade\":true}")) {
            HttpResponse<String> refused = revoke(root, body, 409);
            assertTrue(refused.body().contains("cannot revoke " + plain), refused.body());
            assertTrue(refused.body().contains("does not implement CompensatingHandler"), refused.body());
        }
        for (JsonObject node : nodes) {
            JsonObject after = example.entry(id(node));
            for (String field : List.of("status", "updatedAt", "attemptLog", "history")) {
                assertEquals(before.get(id(node)).get(field), after.get(field), id(node) + " " + field);
            }
        }
        // Its parent alone (a subtree without it) is not the problem: a sibling's cascade works.
        UUID sibling = nodes.stream().filter(n -> n.getString("type").equals(LineageHandlers.NODE)
                        && !id(n).equals(root) && n.getJsonArray("children").isEmpty())
                .map(LineageIT::id).findFirst().orElseThrow();
        revoke(sibling, "{\"reason\":\"just this one\",\"cascade\":true}", 200);
        example.awaitEntry(sibling, e -> "REVOKED".equals(e.getString("status")));
    }

    /**
     * root -> middle -> leaf, with the middle revoked on its own before: the cascade from the root compensates the
     * leaf, and the root's compensation still waits for it (a descendant below a child taken back counts).
     */
    @Test
    void aCascadeWaitsForDescendantsBelowAChildRevokedBefore() throws Exception {
        UUID root = send("{\"children\":[{\"type\":\"lineage.node\",\"children\":[{\"type\":\"lineage.node\",\"children\":[]}]}]}");
        List<JsonObject> nodes = awaitTree(root, 3);
        UUID middle = id(nodes.get(1));
        UUID leaf = id(nodes.get(2));
        revoke(middle, "{\"reason\":\"just the middle " + run + "\"}", 200);
        example.awaitEntry(middle, e -> "REVOKED".equals(e.getString("status")));
        assertEquals("PROCESSED", example.entry(leaf).getString("status"), "a plain revoke does not cascade");

        JsonObject plan = Http.object(revoke(root, "{\"reason\":\"all of it " + run + "\",\"cascade\":true}", 200));
        assertEquals(Map.of(leaf.toString(), "COMPENSATE", middle.toString(), "NONE", root.toString(), "COMPENSATE"),
                modes(plan));
        example.awaitEntry(root, e -> "REVOKED".equals(e.getString("status")));
        assertEquals("REVOKED", example.entry(leaf).getString("status"));
        Instant rootStarted = Instant.parse(compensation(root).getString("startedAt"));
        Instant leafEnded = Instant.parse(compensation(leaf).getString("endedAt"));
        assertFalse(leafEnded.isAfter(rootStarted), "leaf compensated at " + leafEnded + ", root began at " + rootStarted);
        assertTrue(example.entry(root).getJsonArray("history").toString().contains("compensate after the 1 messages it"
                + " caused (or theirs)"), "the root waited for the leaf below the middle");
    }

    @Test
    void aHandlerThatFailsLeavesNoFollowUpAndTheLineageHasLimits() throws Exception {
        UUID failing = send("{\"fail\":true,\"children\":[{\"type\":\"lineage.node\",\"children\":[]}]}");
        example.awaitEntry(failing, e -> "FAILED".equals(e.getString("status")) && e.getInt("attempts") == 3);
        JsonObject lineage = http.getJson("/entries/" + failing + "/lineage", "viewer");
        assertEquals(0, lineage.getJsonObject("entry").getJsonArray("children").size(), "rolled back with its handler");
        assertEquals(1, lineage.getInt("size"));

        // A chain 33 deep: past the lineage's 32 levels, a clear refusal naming where.
        JsonObject chain = Json.createObjectBuilder().add("type", "lineage.node").add("children", JsonValue.EMPTY_JSON_ARRAY).build();
        for (int i = 0; i < 32; i++) {
            chain = Json.createObjectBuilder().add("type", "lineage.node").add("children", Json.createArrayBuilder().add(chain)).build();
        }
        // As a JSON string (the handler's payload is the text): the API refuses bodies nested deeper than 32 levels.
        UUID deep = send(Json.createValue(Json.createObjectBuilder().add("children", Json.createArrayBuilder().add(chain))
                .build().toString()).toString());
        UUID leaf = deep;
        for (int level = 0; level < 33; level++) {
            UUID parent = leaf;
            leaf = Await.until("level " + (level + 1) + " below " + deep, WAIT, () -> {
                JsonArray c = http.getJson("/entries/" + parent, "viewer").getString("status").equals("PROCESSED")
                        ? childrenOf(parent) : JsonValue.EMPTY_JSON_ARRAY;
                return c.isEmpty() ? null : id(c.get(0));
            }, id -> id != null);
        }
        HttpResponse<String> tooDeep = http.get("/entries/" + deep + "/lineage", "viewer");
        assertEquals(409, tooDeep.statusCode(), tooDeep.body());
        assertTrue(tooDeep.body().contains("deeper than 32 levels"), tooDeep.body());
        assertEquals(409, revoke(deep, "{\"reason\":\"r\",\"cascade\":true,\"dryRun\":true}", 409).statusCode());
        // From the leaf, looking up: 33 causes, also past the limit.
        assertEquals(409, http.get("/entries/" + leaf + "/lineage", "viewer").statusCode());
        assertEquals(404, http.get("/entries/" + UUID.randomUUID() + "/lineage", "viewer").statusCode());
        assertEquals(400, http.get("/entries/not-an-id/lineage", "viewer").statusCode());
    }

    /**
     * 200 transfers sent through Rewind with a fee, each revoked by a cascade at a random moment around its
     * consumption (before it ran, while it ran, after; its fee queued or charged): whatever won each race, once
     * everything settled every transfer and fee is REVOKED and the money is where it started.
     */
    @Test
    void twoHundredCascadesRacingConsumptionLeaveNothingApplied() throws Exception {
        String payer = example.open("lr-payer", 1_000_000);
        String payee = example.open("lr-payee", 0);
        long fees = example.feesBalance();
        Random random = new Random(Long.parseLong(run, 36));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<UUID>> raced = new ArrayList<>();
        Map<String, Integer> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < 200; i++) {
            long delay = random.nextInt(4) == 0 ? 0 : random.nextInt(300);
            long wait = random.nextInt(500);
            long feeDelay = random.nextBoolean() ? 0 : 200 + random.nextInt(400);
            raced.add(pool.submit(() -> {
                HttpResponse<String> sent = http.post("/messages", "operator", "{\"type\":\"transfer.requested\",\"body\":{\"from\":\""
                        + payer + "\",\"to\":\"" + payee + "\",\"amount\":100,\"fee\":7,\"feeDelayMs\":" + feeDelay
                        + "},\"delayMs\":" + delay + ",\"reason\":\"race " + run + "\"}");
                assertEquals(201, sent.statusCode(), sent.body());
                UUID id = UUID.fromString(Http.object(sent).getString("id"));
                Thread.sleep(wait);
                HttpResponse<String> revoked = revoke(id, "{\"reason\":\"race " + run + "\",\"cascade\":true}", -1);
                assertEquals(200, revoked.statusCode(), revoked.body());
                JsonObject plan = Http.object(revoked);
                outcomes.merge(plan.getJsonArray("steps").size() + " " + modes(plan).get(id.toString()), 1, Integer::sum);
                return id;
            }));
        }
        List<UUID> transfers = new ArrayList<>();
        for (Future<UUID> f : raced) {
            transfers.add(f.get());
        }
        pool.shutdown();
        System.out.println("[LineageIT] cascades by (nodes in plan, root's mode): " + outcomes);
        for (UUID id : transfers) {
            example.awaitEntry(id, e -> "REVOKED".equals(e.getString("status")));
        }
        // Follow-ups of a transfer that ran but whose fee had not come in yet arrive later: settle, then check all.
        Thread.sleep(2_000);
        int children = 0;
        for (UUID id : transfers) {
            for (JsonValue child : Await.until("children of " + id + " settled", WAIT, () -> childrenOf(id),
                    c -> c.stream().allMatch(x -> "REVOKED".equals(x.asJsonObject().getString("status"))))) {
                children++;
                assertEquals("fee.charged", child.asJsonObject().getString("type"));
            }
            assertTrue(childrenOf(id).size() <= 1, "one fee per transfer");
        }
        System.out.println("[LineageIT] 200 transfers, " + children + " fees caused, all REVOKED");
        Await.until("the money back where it started", WAIT, () -> List.of(example.balance(payer), example.balance(payee), example.feesBalance()),
                b -> b.equals(List.of(1_000_000L, 0L, fees)));
    }

    private UUID send(String body) {
        HttpResponse<String> sent = http.post("/messages", "operator", "{\"type\":\"lineage.node\",\"body\":" + body
                + ",\"reason\":\"lineage " + run + "\"}");
        assertEquals(201, sent.statusCode(), sent.body());
        return UUID.fromString(Http.object(sent).getString("id"));
    }

    /** The tree below {@code root} once it has {@code size} nodes, all PROCESSED; as flat list of lineage nodes. */
    private List<JsonObject> awaitTree(UUID root, int size) {
        return Await.until("a tree of " + size + " below " + root, WAIT, () -> {
            HttpResponse<String> response = http.get("/entries/" + root + "/lineage", "viewer");
            if (response.statusCode() != 200) {
                return List.<JsonObject>of();
            }
            List<JsonObject> flat = new ArrayList<>();
            flatten(Http.object(response).getJsonObject("entry"), flat);
            return flat;
        }, flat -> flat.size() == size && flat.stream().allMatch(n -> "PROCESSED".equals(n.getString("status"))));
    }

    private static void flatten(JsonObject node, List<JsonObject> into) {
        into.add(node);
        node.getJsonArray("children").forEach(c -> flatten(c.asJsonObject(), into));
    }

    private JsonArray childrenOf(UUID id) {
        return http.getJson("/entries/" + id + "/lineage", "viewer").getJsonObject("entry").getJsonArray("children");
    }

    private JsonObject compensation(UUID id) {
        return example.entry(id).getJsonArray("attemptLog").stream().map(JsonValue::asJsonObject)
                .filter(a -> a.getString("kind").equals("COMPENSATION") && a.getString("outcome", "").equals("SUCCEEDED"))
                .findFirst().orElseThrow(() -> new AssertionError("no compensation of " + id));
    }

    /** POSTs a revoke; asserts the status unless {@code expected} is -1. */
    private HttpResponse<String> revoke(UUID id, String body, int expected) {
        HttpResponse<String> response = http.post("/entries/" + id + "/revoke", "operator", body);
        if (expected >= 0) {
            assertEquals(expected, response.statusCode(), response.body());
        }
        return response;
    }

    private static Map<String, String> modes(JsonObject plan) {
        return plan.getJsonArray("steps").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(s -> s.getString("id"), s -> s.getString("mode")));
    }

    private static UUID id(JsonValue node) {
        return UUID.fromString(node.asJsonObject().getString("id"));
    }


}
