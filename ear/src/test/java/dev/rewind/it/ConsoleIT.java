package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.it.support.Await;
import dev.rewind.it.support.Browser;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.Http;
import dev.rewind.it.support.RemoteEjb;
import dev.rewind.sender.RewindSender;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operations console in a real browser (headless Chromium through Selenium) against the real server:
 * what an operator and a viewer do, what a hostile body cannot do, paging by clicks. Screenshots of each
 * page go to target/console-screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String REFUSED = "dev.rewind.example.TransferRefusedException";

    private static Browser browser;
    private final Http http = new Http();
    private final String run = Long.toString(System.nanoTime(), 36);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.withTestBeans(Deployments.ear());
    }

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOperatorReplaysAFailureGroupAndRevokesATransferFromTheConsole() throws Exception {
        String alice = "alice-" + run;
        String frozen = "frozen-" + run;
        String carol = "carol-" + run;
        List<UUID> failing = new ArrayList<>();
        UUID paid = UUID.randomUUID();
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            for (String account : List.of(alice, frozen, carol)) {
                sender.send("account.opened", "{\"id\":\"" + account + "\",\"balance\":" + (account.equals(alice) ? 10000 : 0)
                        + "}", UUID.randomUUID());
            }
            awaitStatus(Http.ACCOUNTS + "/" + frozen, 200);
            awaitStatus(Http.ACCOUNTS + "/" + carol, 200);
            assertEquals(200, http.send("PUT", Http.ACCOUNTS + "/" + frozen + "/frozen", "operator", "operator-pw",
                    "true", null, null).statusCode());
            for (int i = 0; i < 5; i++) {
                UUID id = UUID.randomUUID();
                failing.add(id);
                sender.send("transfer.requested", ApiIT.transfer(alice, frozen, 10), id);
            }
            sender.send("transfer.requested", ApiIT.transfer(alice, carol, 250), paid);
        }
        for (UUID id : failing) {
            awaitEntry(id, e -> "FAILED".equals(e.getString("status")) && e.getInt("attempts") == 3);
        }
        awaitEntry(paid, e -> "PROCESSED".equals(e.getString("status")));

        // The overview shows the failure group; the operator opens it.
        browser.logIn("operator");
        browser.waitUntil("the overview lists the frozen account's failure group", d -> d.findElements(By.cssSelector("tr.group"))
                .stream().anyMatch(row -> row.getText().contains(REFUSED)));
        browser.screenshot("overview");
        WebElement group = browser.driver().findElements(By.cssSelector("tr.group")).stream()
                .filter(row -> row.getText().contains("transfer.requested") && row.getText().contains(REFUSED))
                .findFirst().orElseThrow();
        group.findElement(By.linkText("Open group")).click();

        // Fixed (unfrozen) through the example's API, then previewed and replayed from the page.
        assertEquals(200, http.send("PUT", Http.ACCOUNTS + "/" + frozen + "/frozen", "operator", "operator-pw",
                "false", null, null).statusCode());
        browser.waitFor(By.id("preview-replay")).click();
        String preview = browser.waitFor(By.id("preview-count")).getText();
        long previewed = Long.parseLong(preview.replaceAll("^A replay would send ([0-9,]+) .*$", "$1").replace(",", ""));
        assertTrue(previewed >= failing.size(), preview);
        String previewPage = browser.text();
        assertTrue(failing.stream().anyMatch(id -> previewPage.contains(id.toString())), "the sample names our entries");
        browser.screenshot("group-preview");
        WebElement reason = browser.driver().findElement(By.cssSelector("#preview form textarea"));
        reason.sendKeys("account unfrozen " + run);
        browser.driver().findElement(By.cssSelector("#preview form button[type=submit]")).click();

        // The job page follows the job to its end.
        browser.waitUntil("the job page opens", d -> d.getCurrentUrl().matches(".*#/jobs/[0-9]+$"));
        long jobId = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*#/jobs/", ""));
        browser.waitUntil("the job completes on its page", WAIT,
                d -> d.findElement(By.id("job-state")).getText().equals("COMPLETED"));
        browser.screenshot("job");
        JsonObject job = http.getJson("/jobs/" + jobId, "viewer");
        assertEquals("REPLAY", job.getString("kind"));
        assertEquals("operator", job.getString("actor"));
        assertEquals("account unfrozen " + run, job.getString("reason"));
        assertEquals(REFUSED, job.getJsonObject("filter").getString("errorClass"));
        for (UUID id : failing) {
            awaitEntry(id, e -> "PROCESSED".equals(e.getString("status")));
        }
        // The job is listed, newest first, with who started it.
        browser.open("#/jobs");
        browser.waitUntil("the job list shows the job", d -> d.findElement(By.cssSelector("tr[data-job]"))
                .getText().startsWith("Job " + jobId));
        assertTrue(browser.text().contains("account unfrozen " + run));
        browser.screenshot("jobs");

        // One replayed entry shows the failed deliveries and the replay that succeeded.
        browser.open("#/entries/" + failing.get(0));
        browser.waitUntil("the entry shows its replay", d -> d.findElements(By.cssSelector("#attempts li")).size() == 4);
        List<String> attempts = browser.driver().findElements(By.cssSelector("#attempts li")).stream()
                .map(WebElement::getText).toList();
        assertTrue(attempts.get(0).contains("DELIVERY") && attempts.get(0).contains("FAILED"), attempts.toString());
        assertTrue(attempts.get(3).contains("REPLAY") && attempts.get(3).contains("SUCCEEDED"), attempts.toString());
        assertTrue(browser.text().contains("is frozen"), "the failed attempts show their error");
        assertEquals("PROCESSED", browser.driver().findElement(By.id("entry-status")).getText());

        // Revoke the processed transfer: the form says it compensates before anything is done.
        browser.open("#/entries/" + paid);
        browser.waitFor(By.id("revoke")).click();
        WebElement form = browser.waitFor(By.cssSelector("#action-panel form"));
        assertTrue(form.getText().contains("compensat"), form.getText());
        browser.screenshot("entry-revoke");
        // Without a reason nothing is sent.
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertEquals("PROCESSED", http.getJson("/entries/" + paid, "viewer").getString("status"));
        browser.submit(form, "paid twice " + run);
        browser.waitUntil("the entry shows REVOKED without a reload", WAIT,
                d -> d.findElement(By.id("entry-status")).getText().equals("REVOKED"));
        browser.waitUntil("the compensation attempt is shown", d -> d.findElements(By.cssSelector("#attempts li"))
                .stream().anyMatch(li -> li.getText().contains("COMPENSATION") && li.getText().contains("SUCCEEDED")));
        assertTrue(browser.driver().findElements(By.cssSelector("tr.history-row")).stream()
                .anyMatch(row -> row.getText().contains("operator") && row.getText().contains("paid twice " + run)),
                "the history names the operator and the reason");
        browser.screenshot("entry");
        assertEquals(0, http.getJson(Http.ACCOUNTS + "/" + carol, "viewer").getJsonNumber("balance").longValue(),
                "the compensation took the money back");
        String log = browser.log();
        assertTrue(log.lines().noneMatch(line -> line.contains("SEVERE")), "no script error: " + log);
    }

    @Test
    void aViewerSeesNoActionAndTheServerRefusesACraftedChange() throws Exception {
        UUID id = UUID.randomUUID();
        String account = "viewed-" + run;
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            sender.send("account.opened", "{\"id\":\"" + account + "\",\"balance\":5}", id);
        }
        awaitEntry(id, e -> "PROCESSED".equals(e.getString("status")));

        browser.logIn("viewer");
        browser.open("#/entries/" + id);
        browser.waitUntil("the entry is shown", d -> d.findElement(By.id("entry-status")).getText().equals("PROCESSED"));
        assertTrue(browser.driver().findElements(By.cssSelector("#actions button")).isEmpty(), "no action button");
        assertTrue(browser.text().contains("changes need the rewind-operator role"));
        browser.screenshot("viewer-entry");

        // A change crafted in the page's own context, with the viewer's credentials: refused, nothing changes.
        Object status = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                const session = JSON.parse(sessionStorage.getItem('rewind.session'));
                fetch('/rewind/api/entries/' + arguments[0] + '/revoke', {method: 'POST',
                    headers: {'Authorization': session.authorization, 'Content-Type': 'application/json',
                              'X-Requested-With': 'XMLHttpRequest'},
                    body: JSON.stringify({reason: 'crafted'})}).then(r => done(r.status), e => done(String(e)));
                """, id.toString());
        assertEquals(403L, status);
        assertEquals("PROCESSED", http.getJson("/entries/" + id, "viewer").getString("status"));

        // Log out forgets the credentials: the next page asks for a login, and the API refuses the page.
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(By.id("login-user"));
        assertNull(browser.script("return sessionStorage.getItem('rewind.session')"));
        browser.open("#/entries/" + id);
        browser.waitFor(By.id("login-user"));
        Object anonymous = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/rewind/api/entries/' + arguments[0], {headers: {'X-Requested-With': 'XMLHttpRequest'}})
                    .then(r => done(r.status + ' ' + r.headers.has('WWW-Authenticate')), e => done(String(e)));
                """, id.toString());
        assertEquals("401 false", anonymous, "refused without the challenge that opens the browser's own dialog");
    }

    @Test
    void aHostileBodyIsShownAsTextAndRunsNothing() throws Exception {
        UUID id = UUID.randomUUID();
        // The account id is the body's (at most 64 characters); the property carries a script.
        String image = "<img src=x onerror=window.pwned=1 alt=" + run + ">";
        String script = "<script>window.pwned=2</script><img src=y onerror=window.pwned=3>";
        String body = "{\"id\":" + jsonString(image) + ",\"balance\":1}";
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            sender.send("rewind.inbound", "account.opened", body, id, Map.of("note", script));
        }
        awaitEntry(id, e -> "PROCESSED".equals(e.getString("status")));

        browser.logIn("operator");
        browser.open("#/entries/" + id);
        WebElement shown = browser.waitFor(By.id("entry-body"));
        browser.waitUntil("the body is shown", d -> shown.getText().contains(image));
        assertTrue(browser.driver().findElement(By.id("entry-properties")).getText().contains(script));
        assertTrue(browser.driver().findElements(By.cssSelector("#view img, #view script")).isEmpty(),
                "no element was made from the body");
        assertNull(browser.script("return window.pwned === undefined ? null : window.pwned"));
        browser.screenshot("hostile-body");

        // The browser is told to run nothing but the console's own files, and never inside a frame.
        HttpResponse<String> page = http.send("GET", Browser.CONSOLE, null, null, null, null, null);
        assertEquals(200, page.statusCode());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline")
                && policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> api = http.get("/entries/" + id, "viewer");
        assertEquals("nosniff", api.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(api.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
    }

    @Test
    void pagingByClicksReturnsEachEntryOnce() throws Exception {
        String type = "console.page-" + run;
        Set<String> sent = new HashSet<>();
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            for (int i = 0; i < 250; i++) {
                UUID id = UUID.randomUUID();
                sent.add(id.toString());
                sender.send(type, "{\"n\":" + i + "}", id);
            }
        }
        Await.until("250 entries of " + type, WAIT,
                () -> http.getJson("/entries?limit=500&type=" + type, "viewer").getJsonArray("items").size(),
                n -> n == 250);

        browser.logIn("viewer");
        browser.open("#/entries");
        WebElement typeField = browser.waitFor(By.id("f-type"));
        typeField.sendKeys(type);
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("f-limit"))).selectByValue("20");
        browser.driver().findElement(By.cssSelector("form.filters button[type=submit]")).click();

        Set<String> seen = new LinkedHashSet<>();
        List<String> firstPage = null;
        int pages = 0;
        while (true) {
            int page = ++pages;
            List<String> ids = browser.waitUntil("page " + page + " is shown", d -> {
                List<WebElement> rows = d.findElements(By.cssSelector("#results tr[data-id]"));
                return !rows.isEmpty() && d.findElement(By.cssSelector("#results caption")).getText()
                        .contains("(page " + page + ")") ? rows.stream().map(r -> r.getAttribute("data-id")).toList()
                        : null;
            });
            if (firstPage == null) {
                firstPage = ids;
                browser.screenshot("entries");
            }
            for (String id : ids) {
                assertTrue(seen.add(id), "entry " + id + " shown twice");
            }
            WebElement next = browser.driver().findElement(By.id("next-page"));
            if (!next.isEnabled()) {
                break;
            }
            next.click();
        }
        assertEquals(13, pages);
        assertEquals(sent, seen);

        // Back one page, then to the first: the same entries as before.
        browser.driver().findElement(By.id("previous-page")).click();
        browser.waitUntil("page 12 again", d -> d.findElement(By.cssSelector("#results caption")).getText().contains("(page 12)"));
        browser.driver().findElement(By.id("first-page")).click();
        browser.waitUntil("page 1 again", d -> d.findElement(By.cssSelector("#results caption")).getText().contains("(page 1)"));
        List<String> again = browser.driver().findElements(By.cssSelector("#results tr[data-id]")).stream()
                .map(r -> r.getAttribute("data-id")).toList();
        assertEquals(firstPage, again);

        // A time range before any entry: the empty state says what to do; the range is in the page's URL.
        browser.script("document.getElementById('zone').value = 'utc';"
                + " document.getElementById('zone').dispatchEvent(new Event('change'))");
        browser.waitUntil("the filter reads UTC", d -> d.findElement(By.cssSelector("label[for=f-createdTo]")).getText()
                .contains("UTC"));
        browser.script("document.getElementById('f-createdTo').value = '2000-01-01T00:00:00'");
        browser.driver().findElement(By.cssSelector("form.filters button[type=submit]")).click();
        browser.waitUntil("nothing matches before 2000", d -> d.findElement(By.id("results")).getText()
                .contains("No entry matches these filters"));
        assertTrue(browser.driver().getCurrentUrl().contains("createdTo=2000-01-01T00%3A00%3A00.000Z"),
                browser.driver().getCurrentUrl());
        browser.script("document.getElementById('zone').value = 'local';"
                + " document.getElementById('zone').dispatchEvent(new Event('change'))");

        // On a narrow window the page does not scroll sideways (tables scroll in their own box).
        browser.size(400, 800);
        browser.open("#/entries/" + again.get(0));
        browser.waitFor(By.id("entry-status"));
        Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
        assertFalse(((Number) overflow).longValue() > 0, "the page is " + overflow + " px wider than the window");
        browser.screenshot("narrow-entry");
        browser.size(1280, 800);
        withdraw(type, 250);
    }

    @Test
    void aRejectedTransferIsCorrectedAndRunFromItsPage() throws Exception {
        String from = "edit-from-" + run;
        String to = "edit-to-" + run;
        UUID rejected = UUID.randomUUID();
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            sender.send("account.opened", "{\"id\":\"" + from + "\",\"balance\":500}", UUID.randomUUID());
            sender.send("account.opened", "{\"id\":\"" + to + "\",\"balance\":0}", UUID.randomUUID());
            awaitStatus(Http.ACCOUNTS + "/" + to, 200);
            sender.send("transfer.requested", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":\"ten\"}",
                    rejected);
        }
        awaitEntry(rejected, e -> "FAILED".equals(e.getString("status")));

        browser.logIn("operator");
        browser.open("#/entries/" + rejected);
        browser.waitFor(By.id("edit")).click();
        WebElement body = browser.waitFor(By.id("edit-body"));
        assertTrue(body.getAttribute("value").contains("\"ten\""), body.getAttribute("value"));
        // A correction the handler cannot read: the server's reason, next to the button; nothing changes.
        body.clear();
        body.sendKeys("{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":-1}");
        WebElement form = browser.driver().findElement(By.cssSelector("#action-panel form"));
        browser.submit(form, "amount typed as a word " + run);
        browser.waitUntil("the refusal is shown", d -> form.findElement(By.cssSelector(".form-message")).getText()
                .contains("amount"));
        assertEquals("FAILED", http.getJson("/entries/" + rejected, "viewer").getString("status"));

        body.clear();
        body.sendKeys("{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":10}");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitUntil("the page moves to the corrected entry", d -> !d.getCurrentUrl().endsWith(rejected.toString())
                && d.getCurrentUrl().matches(".*#/entries/[0-9a-f-]{36}$"));
        String edit = browser.driver().getCurrentUrl().replaceAll(".*#/entries/", "");
        browser.waitUntil("the corrected transfer ran", WAIT,
                d -> d.findElement(By.id("entry-status")).getText().equals("PROCESSED"));
        assertEquals(rejected.toString(), browser.driver().findElement(By.id("edit-of")).getText());
        assertTrue(browser.driver().findElements(By.cssSelector("tr.change")).stream()
                .anyMatch(row -> row.getText().contains("body.amount") && row.getText().contains("\"ten\"")));
        browser.screenshot("entry-edited");
        assertEquals(10, http.getJson(Http.ACCOUNTS + "/" + to, "viewer").getJsonNumber("balance").longValue());

        browser.driver().findElement(By.id("edit-of")).click();
        browser.waitUntil("the original says it was superseded", d -> d.findElement(By.id("entry-status")).getText()
                .equals("SUPERSEDED") && d.findElement(By.id("superseded-by")).getText().equals(edit));
        assertTrue(browser.driver().findElements(By.id("edit")).isEmpty(), "a superseded entry cannot be edited again");
    }

    @Test
    void aRehearsalFromTheConsoleAndAReplayOfWhatWouldSucceed() throws Exception {
        String from = "rh-from-" + run;
        String to = "rh-to-" + run;
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            sender.send("account.opened", "{\"id\":\"" + from + "\",\"balance\":500}", UUID.randomUUID());
            sender.send("account.opened", "{\"id\":\"" + to + "\",\"balance\":0}", UUID.randomUUID());
        }
        awaitStatus(Http.ACCOUNTS + "/" + to, 200);
        String marker = "console-rehearsal-" + run;
        List<UUID> seeded = RemoteEjb.support(support -> support.seedFailed(6, marker, from, to));

        browser.logIn("operator");
        browser.open("#/entries/" + seeded.get(0));
        browser.waitFor(By.id("rehearse")).click();
        WebElement form = browser.waitFor(By.cssSelector("#action-panel form"));
        browser.submit(form, "would it work? " + run);
        browser.waitUntil("the rehearsal's answer is shown", d -> d.findElement(By.id("rehearsal-outcome")).getText()
                .startsWith("WOULD_SUCCEED"));
        assertEquals("FAILED", http.getJson("/entries/" + seeded.get(0), "viewer").getString("status"));
        assertEquals(0, http.getJson(Http.ACCOUNTS + "/" + to, "viewer").getJsonNumber("balance").longValue());

        HttpResponse<String> started = http.post("/jobs", "operator", "{\"kind\":\"REHEARSE\",\"reason\":\"which?\","
                + "\"filter\":{\"status\":\"FAILED\",\"errorText\":\"" + marker + "\"}}");
        assertEquals(202, started.statusCode(), started.body());
        browser.open("#/jobs/" + Http.object(started).getJsonNumber("id").longValue());
        browser.waitUntil("the report is shown", WAIT, d -> d.findElements(By.cssSelector("tr.rehearsal-group")).stream()
                .anyMatch(row -> row.getText().startsWith("WOULD_SUCCEED") && row.getText().contains(" 6 ")));
        browser.screenshot("rehearsal-report");
        WebElement replay = browser.waitFor(By.cssSelector("#rehearsal-report form"));
        browser.submit(replay, "the ones that would work " + run);
        browser.waitUntil("the replay job completes on its page", WAIT, d -> d.findElement(By.cssSelector("#view h1"))
                .getText().endsWith(": REPLAY") && d.findElement(By.id("job-state")).getText().equals("COMPLETED"));
        Await.until("the six transfers ran", WAIT,
                () -> http.getJson(Http.ACCOUNTS + "/" + to, "viewer").getJsonNumber("balance").longValue(), b -> b == 6);
    }

    /**
     * A transfer with a fee and a notification: its lineage on its page, the cascade's plan, and the cascade held for
     * approval (the test server lists notification.requested); another person approves it on the approvals page,
     * where the requester has no buttons; everything is revoked and the money is back.
     */
    @Test
    void aCascadeIsPlannedOnTheEntryPageAndApprovedByAnotherPerson() throws Exception {
        String from = "cascade-from-" + run;
        String to = "cascade-to-" + run;
        UUID transfer = UUID.randomUUID();
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            sender.send("account.opened", "{\"id\":\"" + from + "\",\"balance\":1000}", UUID.randomUUID());
            sender.send("account.opened", "{\"id\":\"" + to + "\",\"balance\":0}", UUID.randomUUID());
            awaitStatus(Http.ACCOUNTS + "/" + to, 200);
            sender.send("transfer.requested", "{\"from\":\"" + from + "\",\"to\":\"" + to
                    + "\",\"amount\":300,\"fee\":10,\"notify\":\"thanks\"}", transfer);
        }
        awaitEntry(transfer, e -> "PROCESSED".equals(e.getString("status")));
        List<String> children = Await.until("both follow-ups ran", WAIT, () -> http.getJson("/entries/" + transfer
                + "/lineage", "viewer").getJsonObject("entry").getJsonArray("children").stream()
                .filter(c -> "PROCESSED".equals(c.asJsonObject().getString("status")))
                .map(c -> c.asJsonObject().getString("id")).toList(), ids -> ids.size() == 2);

        browser.logIn("operator");
        browser.open("#/entries/" + transfer);
        browser.waitUntil("the lineage shows both follow-ups", d -> d.findElements(By.cssSelector("#lineage li")).size() == 3);
        String tree = browser.driver().findElement(By.id("lineage")).getText();
        assertTrue(tree.contains("fee.charged") && tree.contains("notification.requested"), tree);
        browser.waitFor(By.id("cascade")).click();
        browser.waitUntil("the plan is shown", d -> d.findElements(By.cssSelector("tr.plan-step")).size() == 3);
        List<WebElement> steps = browser.driver().findElements(By.cssSelector("tr.plan-step"));
        assertTrue(steps.get(2).getText().contains("transfer.requested") && steps.get(2).getText().endsWith("COMPENSATE"),
                "the transfer last: " + steps.get(2).getText());
        browser.screenshot("cascade-plan");
        browser.submit(browser.driver().findElement(By.cssSelector("#action-panel form")), "paid twice " + run);
        browser.waitUntil("held for approval", d -> d.findElement(By.id("pending-approval")).getText()
                .contains("a cascading revoke asked by operator"));
        assertEquals("PROCESSED", http.getJson("/entries/" + transfer, "viewer").getString("status"));

        browser.open("#/approvals");
        WebElement mine = browser.waitUntil("the request is listed", d -> d.findElements(By.cssSelector("tr.approval")).stream()
                .filter(row -> row.getText().contains("paid twice " + run)).findFirst().orElse(null));
        assertTrue(mine.findElements(By.cssSelector("button.approve")).isEmpty(), "an operator without the role has no button");

        browser.logIn("approver");
        browser.open("#/approvals");
        WebElement request = browser.waitUntil("the request is listed", d -> d.findElements(By.cssSelector("tr.approval"))
                .stream().filter(row -> row.getText().contains("paid twice " + run)).findFirst().orElse(null));
        browser.screenshot("approvals");
        request.findElement(By.cssSelector("button.approve")).click();
        browser.submit(browser.waitFor(By.cssSelector("#approval-panel form")), "fee and note too " + run);
        browser.waitUntil("approved", d -> d.findElement(By.id("approval-panel")).getText().contains("is APPROVED"));
        for (String child : children) {
            awaitEntry(UUID.fromString(child), e -> "REVOKED".equals(e.getString("status")));
        }
        awaitEntry(transfer, e -> "REVOKED".equals(e.getString("status")));
        assertEquals(1000, http.getJson(Http.ACCOUNTS + "/" + from, "viewer").getJsonNumber("balance").longValue());
        assertEquals(0, http.getJson(Http.ACCOUNTS + "/" + to, "viewer").getJsonNumber("balance").longValue());
        browser.open("#/entries/" + transfer);
        browser.waitUntil("the entry shows it revoked, no request pending", d -> d.findElement(By.id("entry-status"))
                .getText().equals("REVOKED") && d.findElements(By.id("pending-approval")).isEmpty());
        String log = browser.log();
        assertTrue(log.lines().noneMatch(line -> line.contains("SEVERE")), "no script error: " + log);
    }

    @Test
    void aRunningJobIsFollowedAndCancelledFromItsPage() throws Exception {
        String type = "console.cancel-" + run;
        try (RewindSender sender = new RewindSender(Http.JMS_URL, "rewind-app", "rewind-app-pw")) {
            for (int i = 0; i < 40; i++) {
                sender.send(type, "{\"n\":" + i + "}", UUID.randomUUID());
            }
        }
        Await.until("40 entries of " + type, WAIT,
                () -> http.getJson("/entries?limit=100&status=FAILED&type=" + type, "viewer").getJsonArray("items").size(),
                n -> n == 40);
        // One entry a second: the job is still running when the operator cancels it.
        HttpResponse<String> started = http.post("/jobs", "operator", "{\"kind\":\"REPLAY\",\"reason\":\"slow " + run
                + "\",\"ratePerSecond\":1,\"chunkSize\":1,\"filter\":{\"type\":\"" + type + "\"}}");
        assertEquals(202, started.statusCode(), started.body());
        long jobId = Http.object(started).getJsonNumber("id").longValue();

        browser.logIn("operator");
        browser.open("#/");
        browser.waitUntil("the overview shows the running job", d -> d.findElements(By.cssSelector("ul.jobs li"))
                .stream().anyMatch(li -> li.getText().startsWith("Job " + jobId + ":")));
        browser.open("#/jobs/" + jobId);
        browser.waitFor(By.id("cancel-job")).click();
        WebElement form = browser.waitFor(By.cssSelector("#action-panel form"));
        browser.submit(form, "wrong filter " + run);
        browser.waitUntil("the page shows the job cancelled", d -> d.findElement(By.id("job-state")).getText()
                .equals("CANCELLED"));
        JsonObject job = http.getJson("/jobs/" + jobId, "viewer");
        assertEquals("CANCELLED", job.getString("state"));
        long handled = job.getJsonNumber("done").longValue() + job.getJsonNumber("skipped").longValue()
                + job.getJsonNumber("failed").longValue();
        assertTrue(handled < 40, "cancelled before the end: " + job);

        // Times in UTC on request, in the browser's zone otherwise.
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("zone"))).selectByValue("utc");
        browser.waitUntil("times are shown in UTC", d -> d.findElement(By.cssSelector(".facts")).getText().contains(" UTC"));
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("zone"))).selectByValue("local");
        withdraw(type, 40);
    }

    /**
     * Withdraws the test's unusable messages with a bulk revoke, which also takes their copies out of the
     * dead-letter queue: the broker's management counts by id look at its first 200 messages only, and other
     * tests count there.
     */
    private void withdraw(String type, int expected) {
        HttpResponse<String> started = http.post("/jobs", "operator", "{\"kind\":\"REVOKE\",\"reason\":\"clean-up " + run
                + "\",\"filter\":{\"type\":\"" + type + "\"}}");
        assertEquals(202, started.statusCode(), started.body());
        String job = "/jobs/" + Http.object(started).getJsonNumber("id").longValue();
        JsonObject done = Await.until("the clean-up of " + type + " completes", WAIT, () -> http.getJson(job, "viewer"),
                j -> !"RUNNING".equals(j.getString("state")));
        assertEquals("COMPLETED", done.getString("state"), done.toString());
        Await.until("every entry of " + type + " withdrawn", WAIT,
                () -> http.getJson("/entries?limit=500&status=REVOKED&type=" + type, "viewer").getJsonArray("items").size(),
                n -> n == expected);
    }

    private JsonObject awaitEntry(UUID id, java.util.function.Predicate<JsonObject> condition) {
        return Await.until("entry " + id + " as expected", WAIT, () -> {
            HttpResponse<String> response = http.get("/entries/" + id, "viewer");
            return response.statusCode() == 200 ? Http.object(response) : null;
        }, e -> e != null && condition.test(e));
    }

    private void awaitStatus(String url, int status) {
        Await.until(url + " answers " + status, WAIT, () -> http.get(url, "viewer").statusCode(), c -> c == status);
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
