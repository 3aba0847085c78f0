package dev.rewind.it;

import dev.rewind.api.ApprovalState;
import dev.rewind.api.ApprovalView;
import dev.rewind.it.support.Await;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.ExampleClient;
import dev.rewind.it.support.Http;
import dev.rewind.it.support.RemoteEjb;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four eyes over the admin API and the remote EJB: what the approval policy holds back (the default bulk threshold
 * of 1,000; the test server lists fee.charged for forced replays and notification.requested for compensations)
 * waits, nothing runs before another person with the approver role approves it, and rejected or expired requests
 * never run. Users: operator, viewer, approver (approver + viewer), lead (operator + approver).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApprovalIT {

    private static final Duration WAIT = Duration.ofSeconds(180);

    private final Http http = new Http();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final ExampleClient example = new ExampleClient(run);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.withTestBeans(Deployments.ear());
    }

    @Test
    void aBulkReplayOfFiveThousandWaitsForAnotherApprover() {
        String marker = "approval-bulk-" + run;
        List<UUID> ids = RemoteEjb.support(s -> s.seedFailed(5_000, marker, "ap-x", "ap-y"));
        String job = "{\"kind\":\"REPLAY\",\"filter\":{\"errorText\":\"" + marker + "\"},\"target\":\"" + BulkIT.PARKING
                + "\",\"reason\":\"replay after the fix " + run + "\"}";

        // The approver role alone does not start jobs.
        assertEquals(403, http.post("/jobs", "approver", job).statusCode());

        HttpResponse<String> requested = http.post("/jobs", "lead", job);
        assertEquals(202, requested.statusCode(), requested.body());
        JsonObject held = Http.object(requested);
        assertEquals("AWAITING_APPROVAL", held.getString("state"));
        assertEquals(5_000, held.getInt("total"));
        JsonObject approval = held.getJsonObject("approval");
        int approvalId = approval.getInt("id");
        assertEquals("BULK", approval.getString("kind"));
        assertEquals("lead", approval.getString("requestedBy"));
        assertTrue(approval.getString("why").contains("5000 entries"), approval.toString());
        String jobUrl = "/jobs/" + held.getInt("id");
        assertTrue(waiting().contains(approvalId), "listed among the waiting requests");
        assertEquals(approvalId, http.getJson(jobUrl, "viewer").getJsonObject("approval").getInt("id"));

        // Not the requester, not without the approver role.
        HttpResponse<String> own = http.post("/approvals/" + approvalId + "/approve", "lead", "{\"reason\":\"mine\"}");
        assertEquals(403, own.statusCode());
        assertTrue(own.body().contains("another person must decide it"), own.body());
        assertEquals(403, http.post("/approvals/" + approvalId + "/approve", "operator", "{\"reason\":\"r\"}").statusCode());
        assertEquals(403, http.post("/approvals/" + approvalId + "/approve", "viewer", "{\"reason\":\"r\"}").statusCode());
        assertEquals(400, http.post("/approvals/" + approvalId + "/approve", "approver", "{}").statusCode());
        assertEquals(404, http.post("/approvals/987654321/approve", "approver", "{\"reason\":\"r\"}").statusCode());
        assertEquals(400, http.post("/approvals/x/approve", "approver", "{\"reason\":\"r\"}").statusCode());
        JsonObject stillWaiting = http.getJson(jobUrl, "viewer");
        assertEquals("AWAITING_APPROVAL", stillWaiting.getString("state"));
        assertEquals(0, stillWaiting.getInt("done"));
        assertEquals(Map.of("FAILED", 5_000L), statuses(ids), "nothing ran before approval");

        JsonObject approved = Http.object(http.post("/approvals/" + approvalId + "/approve", "approver",
                "{\"reason\":\"numbers checked " + run + "\"}"));
        assertEquals("APPROVED", approved.getString("state"));
        assertEquals("approver", approved.getString("decidedBy"));
        assertEquals(409, http.post("/approvals/" + approvalId + "/approve", "approver", "{\"reason\":\"again\"}").statusCode());
        JsonObject done = Await.until("the approved job completes", WAIT, () -> http.getJson(jobUrl, "viewer"),
                j -> !"RUNNING".equals(j.getString("state")));
        assertEquals("COMPLETED", done.getString("state"), done.toString());
        assertEquals(5_000, done.getInt("done"));
        assertEquals("lead", done.getString("actor"));
        assertFalse(waiting().contains(approvalId));

        // Clean up: withdraw the 5,000 parked replays, a bulk job that needs approval too (operator asks, lead approves).
        HttpResponse<String> cleanup = http.post("/jobs", "operator", "{\"kind\":\"REVOKE\",\"filter\":{\"errorText\":\""
                + marker + "\"},\"reason\":\"clean up " + run + "\"}");
        int cleanupApproval = Http.object(cleanup).getJsonObject("approval").getInt("id");
        assertEquals(200, http.post("/approvals/" + cleanupApproval + "/approve", "lead", "{\"reason\":\"tidy\"}").statusCode());
        String cleanupUrl = "/jobs/" + Http.object(cleanup).getInt("id");
        assertEquals("COMPLETED", Await.until("the clean-up completes", WAIT, () -> http.getJson(cleanupUrl, "viewer"),
                j -> !"RUNNING".equals(j.getString("state"))).getString("state"));
        RemoteEjb.support(s -> s.purge(BulkIT.PARKING));
        assertEquals(Map.of("REVOKED", 5_000L), statuses(ids));
    }

    @Test
    void aRejectedOrExpiredRequestNeverRuns() {
        String marker = "approval-reject-" + run;
        List<UUID> ids = RemoteEjb.support(s -> s.seedFailed(1_001, marker, "ap-x", "ap-y"));
        String job = "{\"kind\":\"REVOKE\",\"filter\":{\"errorText\":\"" + marker + "\"},\"reason\":\"withdraw them " + run + "\"}";

        JsonObject rejectedJob = Http.object(http.post("/jobs", "operator", job));
        int rejectedId = rejectedJob.getJsonObject("approval").getInt("id");
        JsonObject rejected = Http.object(http.post("/approvals/" + rejectedId + "/reject", "approver",
                "{\"reason\":\"not without a ticket\"}"));
        assertEquals("REJECTED", rejected.getString("state"));
        assertEquals("not without a ticket", rejected.getString("decision"));
        assertEquals(409, http.post("/approvals/" + rejectedId + "/approve", "lead", "{\"reason\":\"r\"}").statusCode());
        JsonObject job1 = http.getJson("/jobs/" + rejectedJob.getInt("id"), "viewer");
        assertEquals("REJECTED", job1.getString("state"));
        assertTrue(job1.getString("lastError").contains("not without a ticket"), job1.toString());

        JsonObject expiringJob = Http.object(http.post("/jobs", "operator", job));
        int expiringId = expiringJob.getJsonObject("approval").getInt("id");
        RemoteEjb.support(s -> {
            s.expireApproval(expiringId);
            return null;
        });
        HttpResponse<String> late = http.post("/approvals/" + expiringId + "/approve", "approver", "{\"reason\":\"too late\"}");
        assertEquals(409, late.statusCode());
        assertTrue(late.body().contains("expired"), late.body());
        Await.until("the expired request is marked", WAIT,
                () -> http.getJson("/approvals/" + expiringId, "viewer").getString("state"), "EXPIRED"::equals);
        assertEquals("REJECTED", http.getJson("/jobs/" + expiringJob.getInt("id"), "viewer").getString("state"));
        assertTrue(listContains("EXPIRED", expiringId));
        assertFalse(waiting().contains(expiringId));

        // Withdrawn by cancelling the job: it never runs, its request is closed.
        JsonObject waitingJob = Http.object(http.post("/jobs", "operator", job));
        int withdrawnId = waitingJob.getJsonObject("approval").getInt("id");
        JsonObject cancelled = Http.object(http.post("/jobs/" + waitingJob.getInt("id") + "/cancel", "operator",
                "{\"reason\":\"asked the wrong way\"}"));
        assertEquals("CANCELLED", cancelled.getString("state"));
        JsonObject closed = http.getJson("/approvals/" + withdrawnId, "viewer");
        assertEquals("REJECTED", closed.getString("state"));
        assertTrue(closed.getString("decision").contains("withdrawn: the job was cancelled"), closed.toString());
        assertEquals(409, http.post("/approvals/" + withdrawnId + "/approve", "approver", "{\"reason\":\"r\"}").statusCode());

        assertEquals(Map.of("FAILED", 1_001L), statuses(ids), "none ran");
        assertEquals(400, http.get("/approvals?state=MAYBE", "viewer").statusCode());
    }

    @Test
    void aForcedReplayAndACompensationOfListedTypesWaitThenRunOrNot() throws Exception {
        String alice = example.open("ap-alice", 10_000);
        String bob = example.open("ap-bob", 0);
        UUID transfer = example.transferWithFeeAndNotification(alice, bob, 100, 20, "paid " + run);
        example.awaitEntry(transfer, e -> "PROCESSED".equals(e.getString("status")));
        UUID fee = null;
        UUID notification = null;
        for (JsonValue child : http.getJson("/entries/" + transfer + "/lineage", "viewer").getJsonObject("entry").getJsonArray("children")) {
            UUID id = UUID.fromString(child.asJsonObject().getString("id"));
            example.awaitEntry(id, e -> "PROCESSED".equals(e.getString("status")));
            if (child.asJsonObject().getString("type").equals("fee.charged")) {
                fee = id;
            } else {
                notification = id;
            }
        }
        assertEquals(10_000 - 100 - 20, example.balance(alice));

        // A forced replay of fee.charged waits; a second request for the same entry is refused.
        HttpResponse<String> replay = http.post("/entries/" + fee + "/replay", "operator", "{\"reason\":\"charge again " + run + "\",\"force\":true}");
        assertEquals(202, replay.statusCode(), replay.body());
        JsonObject pending = Http.object(replay).getJsonObject("pendingApproval");
        long replayApproval = pending.getJsonNumber("id").longValue();
        assertEquals("FORCED_REPLAY", pending.getString("kind"));
        assertEquals("PROCESSED", example.entry(fee).getString("status"));
        assertTrue(example.entry(fee).getJsonArray("history").toString().contains("waiting for approval " + replayApproval));
        assertEquals(409, http.post("/entries/" + fee + "/replay", "operator", "{\"reason\":\"twice\",\"force\":true}").statusCode());
        // A plain replay of an entry that is not listed, or not forced, is not held (FAILED replays need none).

        // Approved through the remote EJB by the approver.
        ApprovalView approved = RemoteEjb.rewind("approver", r -> r.approve(replayApproval, "fee confirmed " + run));
        assertEquals(ApprovalState.APPROVED, approved.state());
        UUID feeId = fee;
        JsonObject replayed = example.awaitEntry(fee, e -> "PROCESSED".equals(e.getString("status")) && e.getInt("replays") == 1);
        assertTrue(replayed.getJsonArray("history").toString().contains("approved by approver: fee confirmed " + run));
        assertNull(replayed.get("pendingApproval"));
        assertEquals(10_000 - 100 - 40, example.balance(alice), "charged twice, as approved");
        // The requester cannot approve through the EJB either.
        HttpResponse<String> second = http.post("/entries/" + feeId + "/replay", "lead", "{\"reason\":\"third " + run + "\",\"force\":true}");
        long thirdApproval = Http.object(second).getJsonObject("pendingApproval").getJsonNumber("id").longValue();
        assertThrowsDenied(() -> RemoteEjb.rewind("lead", r -> r.approve(thirdApproval, "mine")));
        RemoteEjb.rewind("approver", r -> r.reject(thirdApproval, "twice is enough"));

        // Nor is a bulk job a way around the rule: a small bulk revoke that may compensate notifications waits too.
        HttpResponse<String> bulk = http.post("/jobs", "operator", "{\"kind\":\"REVOKE\",\"filter\":{\"type\":"
                + "\"notification.requested\"},\"reason\":\"all of them " + run + "\"}");
        assertEquals(202, bulk.statusCode(), bulk.body());
        JsonObject bulkJob = Http.object(bulk);
        assertEquals("AWAITING_APPROVAL", bulkJob.getString("state"));
        assertTrue(bulkJob.getJsonObject("approval").getString("why").contains("rewind.approval.compensate-types"),
                bulkJob.toString());
        RemoteEjb.rewind("approver", r -> r.reject(bulkJob.getJsonObject("approval").getJsonNumber("id").longValue(), "no"));
        // A bulk revoke of FAILED entries only withdraws: not held by type.
        HttpResponse<String> failedOnly = http.post("/jobs", "operator", "{\"kind\":\"REVOKE\",\"filter\":{\"status\":"
                + "\"FAILED\",\"type\":\"notification.requested\",\"errorText\":\"nothing-" + run + "\"},\"reason\":\"r\"}");
        assertEquals("RUNNING", Http.object(failedOnly).getString("state"), failedOnly.body());

        // A compensation of notification.requested waits; rejected, nothing happens to it.
        HttpResponse<String> revoke = http.post("/entries/" + notification + "/revoke", "operator", "{\"reason\":\"unsend " + run + "\"}");
        assertEquals(202, revoke.statusCode(), revoke.body());
        int revokeApproval = Http.object(revoke).getJsonObject("pendingApproval").getInt("id");
        assertEquals(1, example.notifications(bob));
        JsonObject rejected = Http.object(http.post("/approvals/" + revokeApproval + "/reject", "approver", "{\"reason\":\"it was delivered\"}"));
        assertEquals("REJECTED", rejected.getString("state"));
        JsonObject after = example.entry(notification);
        assertEquals("PROCESSED", after.getString("status"));
        assertNull(after.get("pendingApproval"));
        assertTrue(after.getJsonArray("history").toString().contains("REJECTED"), after.toString());
        assertEquals(1, example.notifications(bob));
        // Withdrawing what has not run needs no approval: only compensations of listed types do.
    }

    private Map<String, Long> statuses(List<UUID> ids) {
        Map<String, Long> raw = RemoteEjb.support(s -> s.stats(ids));
        Map<String, Long> stats = new java.util.TreeMap<String, Long>(raw);
        stats.keySet().removeIf(key -> !key.matches("[A-Z_]+")); // statuses only, not "replayedOnce" and the like
        stats.values().removeIf(v -> v == 0);
        return stats;
    }

    private List<Integer> waiting() {
        return Http.json(http.get("/approvals", "approver").body()).asJsonArray().stream()
                .map(a -> a.asJsonObject().getInt("id")).toList();
    }

    private boolean listContains(String state, int id) {
        return Http.json(http.get("/approvals?state=" + state, "viewer").body()).asJsonArray().stream()
                .anyMatch(a -> a.asJsonObject().getInt("id") == id);
    }


    private static void assertThrowsDenied(Runnable call) {
        try {
            call.run();
        } catch (dev.rewind.api.ApprovalDeniedException expected) {
            return;
        }
        throw new AssertionError("the requester's own approval went through");
    }
}
