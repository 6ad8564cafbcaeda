package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.Json;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless chromium against the deployed EAR: every panel loads from the API;
 * twelve days written to PostgreSQL show as PostgreSQL-only, a backfill started from the form
 * moves its progress bar to the end and the days then show in both places; a quoted analytics
 * query over them runs from the lake with the rows PostgreSQL had; a bad range shows the API's
 * message; the query's cost shows in the costs panel. A screenshot of each panel is kept under
 * target/screenshots/ (dashboard-*.png).
 */
@ExtendWith(ArquillianExtension.class)
class DashboardBrowserIT {
    private static final int DAYS = 12;
    private static final int TASKS = 40;
    private static final Path SHOTS = Path.of("target/screenshots");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void aNewcomerSeesWhereDaysLiveBackfillsThemAndQueriesThemWithTheirCost() throws Exception {
        // Inside the hot window (retention keeps them) and older than the analytics' hot days (the
        // router reads proven days of that age from the lake); no other test writes these days.
        LocalDate last = LocalDate.now(SystemTime.clock()).minusDays(60);
        LocalDate first = last.minusDays(DAYS - 1);
        List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
        seed(days);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            WebDriver page = browser.driver();
            try {
                page.get(Http.APP + "/");
                browser.signIn(Http.User.ADMIN);
                assertThat(browser.visible(By.id("signed-in")).getText()).isEqualTo("signed in as " + Http.User.ADMIN.name());
                awaitPanelsLoaded(page);
                String summary = page.findElement(By.id("lake-summary")).getText();
                assertThat(summary).as("the written days are not exported yet").contains("PostgreSQL only");
                for (String panel : List.of("lake", "etl", "analytics", "costs")) {
                    shoot(page, panel, "dashboard-" + panel + ".png");
                }

                page.findElement(By.id("alerts-check")).click();
                String checked = browser.awaitText(By.id("alerts-summary"), "Checked", Duration.ofSeconds(30));
                assertThat(checked).contains("cost-spike, partition-lag, storage-quota");
                long open = Json.createReader(new StringReader(Http.get("/api/alerts/incidents?limit=20").body())).readArray().stream()
                        .filter(i -> i.asJsonObject().getBoolean("open")).count();
                assertThat(page.findElements(By.cssSelector("#alerts-table tr.incident-open"))).as(checked).hasSize((int) open);
                shoot(page, "alerts", "dashboard-alerts.png");

                WebElement form = page.findElement(By.id("backfill-form"));
                setDate(page, form.findElement(By.name("from")), first);
                setDate(page, form.findElement(By.name("to")), last);
                new Select(form.findElement(By.name("tables"))).selectByVisibleText("all");
                form.findElement(By.cssSelector("button[type=submit]")).click();
                Set<String> seen = followProgress(page);
                assertThat(seen).as("the progress bar moved from start to end: " + seen).contains("100")
                        .anyMatch(p -> !p.equals("0") && !p.equals("100"));
                WebElement progress = page.findElement(By.id("backfill-progress"));
                assertThat(progress.getAttribute("data-status")).isEqualTo("COMPLETED");
                String execution = progress.getAttribute("data-execution");
                String row = browser.awaitText(By.xpath("//table[@id='etl-runs']//tr[td[1][normalize-space()='" + execution + "']]"),
                        "COMPLETED", Duration.ofSeconds(30));
                assertThat(row).contains("daily-export").contains(first + " .. " + last);
                shoot(page, "etl", "dashboard-etl-backfill.png");
                for (LocalDate day : days) {
                    assertThat(TestDatabase.string("SELECT status || ' ' || row_count FROM export_manifest WHERE table_name = 'agent_tasks' "
                            + "AND day = ? ORDER BY version DESC LIMIT 1", day)).isEqualTo("VALIDATED " + TASKS);
                }

                WebElement analytics = page.findElement(By.id("analytics-form"));
                new Select(analytics.findElement(By.name("query"))).selectByValue("task_throughput");
                setDate(page, analytics.findElement(By.name("from")), first);
                setDate(page, analytics.findElement(By.name("to")), last.plusDays(1));
                page.findElement(By.id("analytics-quote-button")).click();
                String quote = browser.awaitText(By.id("analytics-quote"), "Quote:", Duration.ofSeconds(30));
                assertThat(quote).contains("0 day(s) from PostgreSQL, " + DAYS + " from the lake");
                analytics.findElement(By.cssSelector("button[type=submit]")).click();
                String provenance = browser.awaitText(By.cssSelector("#analytics-result .provenance"), "row(s)", Duration.ofSeconds(60));
                assertThat(provenance).startsWith(DAYS + " row(s)").contains(DAYS + " cold");
                List<WebElement> cells = page.findElements(By.xpath("//div[@id='analytics-result']//tbody/tr/td[3]"));
                assertThat(cells).hasSize(DAYS).allSatisfy(c -> assertThat(c.getText()).isEqualTo(String.valueOf(TASKS)));
                assertThat(page.findElement(By.cssSelector("#analytics-chart canvas")).isDisplayed()).isTrue();
                shoot(page, "analytics", "dashboard-analytics.png");

                setDate(page, analytics.findElement(By.name("to")), first.minusDays(3));
                analytics.findElement(By.cssSelector("button[type=submit]")).click();
                String error = browser.awaitText(By.id("analytics-error"), "must be after", Duration.ofSeconds(30));
                assertThat(error).contains("Bad Request (400)").contains("to: must be after 'from'");
                assertThat(page.findElement(By.id("analytics-result")).isDisplayed()).as("no stale answer under the error").isFalse();
                shoot(page, "analytics", "dashboard-analytics-error.png");

                page.navigate().refresh();
                awaitPanelsLoaded(page);
                assertThat(page.findElement(By.id("lake-summary")).getText()).contains("PostgreSQL and lake");
                browser.awaitText(By.id("costs-table"), "task_throughput", Duration.ofSeconds(20));
                assertThat(page.findElement(By.id("storage-table")).getText()).contains("agent_tasks");
                assertThat(page.findElement(By.id("top-queries-table")).getText()).contains("task_throughput");
                assertThat(page.findElement(By.id("budget")).getText()).startsWith("Analytics budget today").contains(" left of $");
                String footprint = page.findElement(By.xpath("//table[@id='footprint-table']//tr[td[1][normalize-space()='agent_tasks']]")).getText();
                assertThat(footprint).as("PostgreSQL and lake sizes with the compression between them").matches("(?s).*\\d+(\\.\\d)?x.*");
                assertThat(page.findElement(By.id("monthly-table")).getText()).contains("PostgreSQL instance").contains("Lake storage, LOCAL")
                        .contains("Cold scans");
                assertThat(page.findElement(By.id("monthly-summary")).getText()).startsWith("About $");
                shoot(page, "lake", "dashboard-lake-after-backfill.png");
                shoot(page, "costs", "dashboard-costs.png");

                aDamagedCopyShowsOnTheMapWithWhatToDoAndLeavesOnceWhole(browser, page, days.get(3));
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(SHOTS.resolve("dashboard-failed.png"));
                throw e;
            }
        }
    }

    /**
     * One byte of the day's proven copy flipped in the server's lake and found by a deep verify: the
     * map shows the day as a damaged copy; clicking its cell says what the check found and offers the
     * restore; the bytes put back, the detail's verify button clears it and the map shows the day whole.
     */
    private static void aDamagedCopyShowsOnTheMapWithWhatToDoAndLeavesOnceWhole(HeadlessChromium browser, WebDriver page, LocalDate day)
            throws Exception {
        String key = TestDatabase.string("SELECT object_key FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                + "AND status = 'VALIDATED' ORDER BY version DESC LIMIT 1", day);
        Path file = Health.lakeRoot().resolve(key);
        byte[] proven = Files.readAllBytes(file);
        byte[] flipped = proven.clone();
        flipped[flipped.length / 2] ^= 0x01;
        Files.write(file, flipped);
        try {
            Http.Reply verdict = Http.post("/api/etl/days/agent_tasks/" + day + "/verify", null);
            assertThat(verdict.json().getBoolean("ok")).as(verdict.body()).isFalse();
            page.navigate().refresh();
            awaitPanelsLoaded(page);
            assertThat(page.findElement(By.id("lake-summary")).getText()).contains("damaged copy: 1 table-days");

            WebElement chart = page.findElement(By.id("lake-chart"));
            ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView()", chart);
            @SuppressWarnings("unchecked")
            List<Number> at = (List<Number>) ((JavascriptExecutor) page).executeScript("return echarts.getInstanceByDom(arguments[0])"
                    + ".convertToPixel({seriesName: 'damaged copy'}, [arguments[1], 'agent_tasks'])", chart, day.toString());
            Rectangle box = chart.getRect();
            new Actions(page).moveToElement(chart, (int) Math.round(at.get(0).doubleValue() - box.getWidth() / 2.0),
                    (int) Math.round(at.get(1).doubleValue() - box.getHeight() / 2.0)).click().perform();
            String detail = browser.awaitText(By.cssSelector("#day-detail .damage"), "SHA-256", Duration.ofSeconds(20));
            assertThat(detail).contains(key).contains("Analytics refuses this day");
            assertThat(page.findElement(By.cssSelector("#day-detail strong")).getText()).isEqualTo("agent_tasks " + day + ": damaged copy");
            assertThat(page.findElements(By.xpath("//div[@id='day-detail']//button[normalize-space()='Restore the proven version']")))
                    .hasSize(1);
            shoot(page, "lake", "dashboard-lake-damaged.png");

            Files.write(file, proven);
            page.findElement(By.xpath("//div[@id='day-detail']//button[normalize-space()='Verify the lake copy']")).click();
            assertThat(browser.awaitText(By.id("day-detail"), "Verified:", Duration.ofSeconds(20))).contains("\"ok\":true");
            page.navigate().refresh();
            awaitPanelsLoaded(page);
            assertThat(page.findElement(By.id("lake-summary")).getText()).doesNotContain("damaged");
        } finally {
            // Whatever failed above, later tests find the day whole.
            Files.write(file, proven);
            Http.post("/api/etl/days/agent_tasks/" + day + "/verify", null);
        }
    }

    /** One agent's tasks and metrics on each day, written as the hot API would have written them then. */
    @Test
    void aTabLeftAloneForHalfAnHourSignsOutAndAsksAgain() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            WebDriver page = browser.driver();
            page.get(Http.APP + "/");
            browser.signIn(Http.User.VIEWER);
            assertThat(browser.visible(By.id("signed-in")).getText()).isEqualTo("signed in as " + Http.User.VIEWER.name());
            // The page's own clock says the last click was 31 minutes ago.
            ((JavascriptExecutor) page).executeScript(
                    "sessionStorage.setItem('tokyoia.authorization.active', String(Date.now() - 31 * 60 * 1000))");
            page.findElement(By.tagName("h1")).click();
            assertThat(browser.visible(By.id("login-message")).getText()).contains("Signed out after 30 minutes without activity");
            assertThat(((JavascriptExecutor) page).executeScript("return sessionStorage.getItem('tokyoia.authorization')"))
                    .as("the credentials are gone from the tab").isNull();
            browser.signIn(Http.User.VIEWER);
            assertThat(browser.visible(By.id("signed-in")).getText()).isEqualTo("signed in as " + Http.User.VIEWER.name());
        }
    }

    private static void seed(List<LocalDate> days) throws Exception {
        TestDatabase.resetDays(days);
        try (Connection c = TestDatabase.connect()) {
            UUID agent = UUID.randomUUID();
            UUID workflow = TestDatabase.agentWithWorkflow(c, agent, "dashboard-it", days.get(0).atTime(6, 0).toInstant(ZoneOffset.UTC));
            for (LocalDate day : days) {
                Instant at = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
                for (int i = 0; i < TASKS; i++) {
                    Timestamp t = Timestamp.from(at.plusSeconds(i * 97L));
                    TestDatabase.exec(c, "INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, updated_at, "
                            + "latency_ms) VALUES (?, ?, ?, 'dashboard', ?, ?, ?, ?)", UUID.randomUUID(), workflow, agent,
                            i % 10 == 0 ? "FAILED" : "COMPLETED", t, t, 20 + i * i * 13);
                    TestDatabase.exec(c, "INSERT INTO agent_metrics (agent_id, metric_name, metric_value, recorded_at) VALUES (?, 'latency_ms', ?, ?)",
                            agent, i * 1.5, t);
                }
            }
        }
    }

    private static void awaitPanelsLoaded(WebDriver page) {
        new WebDriverWait(page, Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector(".panel")).stream()
                .noneMatch(p -> "loading".equals(p.getAttribute("data-state"))));
        for (WebElement panel : page.findElements(By.cssSelector(".panel"))) {
            assertThat(panel.getAttribute("data-state")).as(panel.getAttribute("id") + ": " + panel.getText()).isEqualTo("loaded");
        }
    }

    /** The progress bar's percentages, read every 100 ms until the run ends. */
    private static Set<String> followProgress(WebDriver page) throws InterruptedException {
        Set<String> seen = new LinkedHashSet<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        WebElement progress = page.findElement(By.id("backfill-progress"));
        while (System.nanoTime() < deadline) {
            String percent = progress.getAttribute("data-percent");
            if (percent != null) {
                seen.add(percent);
            }
            String status = progress.getAttribute("data-status");
            if (status != null && !List.of("STARTING", "STARTED", "STOPPING").contains(status) && "100".equals(percent)) {
                return seen;
            }
            if (status != null && status.equals("FAILED")) {
                throw new AssertionError("the backfill failed: " + progress.getText());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the backfill did not end within 3 minutes; percentages seen: " + new ArrayList<>(seen));
    }

    /** Sets a date field's value (typing into chromium's date field would depend on the browser's locale). */
    private static void setDate(WebDriver page, WebElement input, LocalDate day) {
        ((JavascriptExecutor) page).executeScript("arguments[0].value = arguments[1]", input, day.toString());
    }

    private static void shoot(WebDriver page, String panel, String file) throws Exception {
        Files.createDirectories(SHOTS);
        WebElement element = page.findElement(By.id(panel));
        ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView()", element);
        Files.write(SHOTS.resolve(file), element.getScreenshotAs(OutputType.BYTES));
    }
}
