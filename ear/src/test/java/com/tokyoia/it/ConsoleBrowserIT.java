package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.Jobs;
import com.tokyoia.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The README's console steps, in a real browser (headless chromium): a management user logs in to
 * WildFly's admin console, opens Runtime, the server, Batch, starts daily-export with parameters,
 * reads the execution id the console reports and sees that execution completed in the job's view.
 * The run is then the API's and the dashboard's like any other, with the management interface as
 * its starter in the audit log. The last page is kept as target/screenshots/console-daily-export.png.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleBrowserIT {
    private static final String USER = "tokyoia-console-browser";
    private static final String JOB = "//li[@id='job-tokyo-iaear-tokyo-ia-ejb-etljar-daily-export']";
    private static final Pattern STARTED = Pattern.compile("successfully started with execution ID (\\d+)");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void anOperatorStartsADailyExportWithParametersFromTheConsoleAndSeesItsExecutionComplete() throws Exception {
        String password = ManagementUsers.add(USER);
        LocalDate day = LocalDate.now(SystemTime.clock()).minusDays(17);
        TestDatabase.resetDays(List.of(day));
        try (Connection c = TestDatabase.connect()) {
            UUID agent = UUID.randomUUID();
            Instant at = day.atTime(7, 0).toInstant(ZoneOffset.UTC);
            UUID workflow = TestDatabase.agentWithWorkflow(c, agent, "console-browser-it", at);
            TestDatabase.completedTasks(c, workflow, agent, "console-browser", at, Duration.ofSeconds(7), 30);
        }

        long execution;
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            try {
                execution = startFromTheConsole(browser, password, day);
                browser.screenshot(Path.of("target/screenshots/console-daily-export.png"));
                // On the dashboard like any other run.
                browser.driver().get(Http.APP + "/");
                browser.signIn(Http.User.VIEWER);
                String row = browser.visible(By.xpath("//table[@id='etl-runs']//tr[td[1][normalize-space()='" + execution + "']]")).getText();
                assertThat(row).contains("daily-export").contains("COMPLETED").contains(day + " .. " + day).contains("agent_tasks");
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(Path.of("target/screenshots/console-daily-export-failed.png"));
                throw e;
            }
        }

        Reply run = Http.get("/api/etl/runs/" + execution);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().getString("status")).isEqualTo("COMPLETED");
        assertThat(TestDatabase.string("SELECT status || ' ' || row_count FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                + "ORDER BY version DESC LIMIT 1", day)).isEqualTo("VALIDATED 30");
        assertThat(TestDatabase.string("SELECT actor || ': ' || details FROM audit_log WHERE entity_type = 'job-execution' "
                + "AND entity_id = ? AND action = 'batch.start'", String.valueOf(execution)))
                .startsWith("management interface").contains("from=" + day).contains("tables=agent_tasks");
    }

    /**
     * The job view lists every execution of the job in pages, so the test filters it by the
     * execution's id, as an operator would, and reads the status shown under that execution.
     */
    private static String executionStatusInTheJobView(HeadlessChromium browser, long execution) throws InterruptedException {
        By filter = By.cssSelector("input[placeholder^='Filter by Execution ID']");
        // The execution's entry (the active filter's chip names the id too, but no instance and status follow it).
        Pattern entry = Pattern.compile("Execution ID: " + execution + "\\s+Instance ID: \\d+\\s+(Batch Status: \\w+)");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            WebElement input = browser.visible(filter);
            input.clear();
            input.sendKeys(String.valueOf(execution), Keys.ENTER);
            for (int look = 0; look < 10; look++) {
                Matcher shown = entry.matcher(browser.driver().findElement(By.tagName("body")).getText());
                if (shown.find()) {
                    return shown.group(1);
                }
                Thread.sleep(500);
            }
            assertThat(System.nanoTime()).as("execution " + execution + " shown in the job view within 90 s").isLessThan(deadline);
            browser.driver().navigate().refresh();
        }
    }

    /** The README's console steps; returns the execution id the console reports, once the console shows it completed. */
    private static long startFromTheConsole(HeadlessChromium browser, String password, LocalDate day) throws InterruptedException {
        URI management = URI.create(Http.MANAGEMENT);
        // The console has no login form: it relies on the browser answering the management
        // interface's Digest challenge, which a person does in the browser's login dialog.
        browser.driver().get("http://" + USER + ":" + password + "@" + management.getHost() + ":" + management.getPort() + "/management");
        browser.driver().get(Http.MANAGEMENT + "/console/index.html");
        browser.visible(By.xpath("//*[normalize-space()='" + USER + "']"));
        browser.click(By.xpath("//a[normalize-space()='Runtime']"));
        browser.click(By.xpath("//li[starts-with(@id, 'standalone-host-')]"));
        browser.click(By.id("batch-jberet"));
        browser.click(By.xpath(JOB));
        browser.click(By.xpath(JOB + "//button[contains(@class, 'dropdown-toggle')]"));
        browser.click(By.xpath(JOB + "//a[normalize-space()='Start']"));
        WebElement properties = browser.visible(By.id("job-start-job-properties-editing"));
        for (String property : List.of("from=" + day, "to=" + day, "tables=agent_tasks", "mode=export")) {
            properties.sendKeys(property, Keys.ENTER);
        }
        browser.click(By.xpath("//div[contains(@class, 'modal-footer')]//button[normalize-space()='Start']"));
        String toast = browser.awaitText(By.tagName("body"), "successfully started", Duration.ofSeconds(30));
        Matcher started = STARTED.matcher(toast);
        assertThat(started.find()).as(toast).isTrue();
        long execution = Long.parseLong(started.group(1));

        assertThat(Jobs.awaitEnd(execution).getString("status")).isEqualTo("COMPLETED");
        browser.click(By.xpath(JOB + "//a[normalize-space()='View']"));
        assertThat(executionStatusInTheJobView(browser, execution)).isEqualTo("Batch Status: COMPLETED");
        return execution;
    }
}
