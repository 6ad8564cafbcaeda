package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Jobs;
import com.tokyoia.testing.ManagementClient;
import com.tokyoia.testing.TestDatabase;
import com.tokyoia.testing.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alerts as the server sends them: through WildFly's mail session to a real SMTP server
 * (GreenMail) and to a webhook listener, the ports the build configured the test server with. A
 * cost spike opens once, survives a server reload (a restart of every service and the application)
 * without being announced again, and clears once. Times come from the server's own clock (the
 * check's answer), as the faketime run moves it.
 */
@ExtendWith(ArquillianExtension.class)
class AlertsIT {
    static final String MARK = "alerts-it";
    static final String LAG = "partition-lag user_sessions";
    static final String QUOTA = "storage-quota lake";
    static GreenMail smtp;
    static WebhookReceiver webhook;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @BeforeAll
    static void listeners() throws Exception {
        smtp = new GreenMail(new ServerSetup(Integer.getInteger("tokyoia.test.smtp-port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        webhook = new WebhookReceiver(Integer.getInteger("tokyoia.test.webhook-port"));
        TestDatabase.exec("DELETE FROM analytics_query_log WHERE query_name = ?", MARK);
        TestDatabase.exec("DELETE FROM alert_incident");
    }

    @AfterAll
    static void stop() throws Exception {
        TestDatabase.exec("DELETE FROM analytics_query_log WHERE query_name = ?", MARK);
        smtp.stop();
        webhook.close();
    }

    @Test
    void aCostSpikeIsMailedAndPostedOnceSurvivesARestartAndClearsOnce() throws Exception {
        Instant serverNow = Instant.parse(check("cost-spike").getString("at"));
        assertThat(costSpikeNotices()).as("no spike before the expensive queries").isEmpty();
        logExpensiveQuery(serverNow.minus(Duration.ofMinutes(5)), "30.00");
        logExpensiveQuery(serverNow.minus(Duration.ofMinutes(3)), "25.00");

        JsonObject spike = check("cost-spike");
        assertThat(spike.getJsonArray("holding")).singleElement()
                .satisfies(f -> assertThat(f.asJsonObject().getString("summary")).contains("$55.00", "above the hourly limit of $10.00"));
        MimeMessage mail = awaitCostSpikeMails(1).get(0);
        assertThat(mail.getSubject()).isEqualTo("[tokyo-ia] cost-spike analytics");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@tokyoia.test");
        assertThat((String) mail.getContent()).contains("What to do:", "GET /api/costs");
        assertThat(costSpikeNotices()).singleElement().satisfies(body -> assertThat(body).contains("\"state\":\"OPENED\""));
        assertThat(openIncidents("cost-spike")).hasSize(1);

        check("cost-spike");
        restartServer();
        assertThat(check("cost-spike").getJsonArray("holding")).as("still spending after the restart").hasSize(1);
        assertThat(openIncidents("cost-spike")).as("the same incident, still open").hasSize(1);
        assertThat(costSpikeNotices()).as("announced once, though checked again and after a restart").hasSize(1);
        assertThat(awaitCostSpikeMails(1)).hasSize(1);

        TestDatabase.exec("DELETE FROM analytics_query_log WHERE query_name = ?", MARK);
        JsonObject quiet = check("cost-spike");
        assertThat(quiet.getJsonArray("holding")).isEmpty();
        check("cost-spike");
        assertThat(awaitCostSpikeMails(2)).extracting(MimeMessage::getSubject)
                .containsExactly("[tokyo-ia] cost-spike analytics", "[tokyo-ia] cleared: cost-spike analytics");
        assertThat(costSpikeNotices()).hasSize(2).last().satisfies(body -> assertThat(body).contains("\"state\":\"CLEARED\""));
        assertThat(openIncidents("cost-spike")).isEmpty();
    }

    @Test
    void theDailyChecksLeaveOneOpenIncidentPerFindingAndAnUnknownAlertIsRefused() {
        JsonObject daily = check("partition-lag&alert=storage-quota");
        assertThat(daily.getJsonArray("checked")).extracting(v -> ((JsonString) v).getString())
                .containsExactly("partition-lag", "storage-quota");
        for (JsonValue finding : daily.getJsonArray("holding")) {
            String alert = finding.asJsonObject().getString("alert");
            String subject = finding.asJsonObject().getString("subject");
            assertThat(openIncidents(alert)).as(alert + " " + subject).contains(subject);
        }

        Http.Reply unknown = Http.post("/api/alerts/check?alert=disk-full", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body()).contains("unknown alert 'disk-full'");
        Http.Reply immediate = Http.post("/api/alerts/check?alert=etl-failure", null);
        assertThat(immediate.status()).isEqualTo(400);
        assertThat(immediate.body()).contains("opens the moment a step fails");
    }

    @Test
    void anExportThatFinallyFailsIsAnnouncedOnceAndClearsWhenItsDayExports() throws Exception {
        LocalDate day = LocalDate.ofInstant(Instant.parse(check("cost-spike").getString("at")), ZoneOffset.UTC).minusDays(57);
        String subject = "export agent_tasks " + day;
        TestDatabase.resetDays(List.of(day));
        UUID agent = UUID.randomUUID();
        try (Connection c = TestDatabase.connect()) {
            Instant first = day.atTime(10, 0).toInstant(ZoneOffset.UTC);
            TestDatabase.completedTasks(c, TestDatabase.agentWithWorkflow(c, agent, "alerts-it-" + agent, first), agent, "alerted", first,
                    Duration.ofMinutes(3), 12);
        }
        // A file where the day's folder must go: every upload of the day fails, whatever the retries.
        Path blocker = Health.lakeRoot().resolve("agent_tasks/year=%d/month=%02d/day=%02d".formatted(day.getYear(), day.getMonthValue(),
                day.getDayOfMonth()));
        Files.createDirectories(blocker.getParent());
        deleteTree(blocker);
        Files.writeString(blocker, "not a folder");
        try {
            assertThat(backfill(day)).isEqualTo("FAILED");
            assertThat(awaitMails(subject, 1)).extracting(MimeMessage::getSubject).containsExactly("[tokyo-ia] etl-failure " + subject);
            assertThat(notices("etl-failure", subject)).singleElement().satisfies(b -> assertThat(b).contains("\"state\":\"OPENED\""));
            assertThat(openIncidents("etl-failure")).contains(subject);

            assertThat(backfill(day)).as("failing again").isEqualTo("FAILED");
            assertThat(notices("etl-failure", subject)).as("the same incident is not announced twice").hasSize(1);
        } finally {
            Files.deleteIfExists(blocker);
        }
        assertThat(backfill(day)).isEqualTo("COMPLETED");
        assertThat(awaitMails(subject, 2)).extracting(MimeMessage::getSubject)
                .containsExactly("[tokyo-ia] etl-failure " + subject, "[tokyo-ia] cleared: etl-failure " + subject);
        assertThat(notices("etl-failure", subject)).hasSize(2).last().satisfies(b -> assertThat(b).contains("\"state\":\"CLEARED\""));
        assertThat(openIncidents("etl-failure")).doesNotContain(subject);
    }

    @Test
    void aLakeOverItsQuotaAndALaggingTableAreAnnouncedOnceAndClearOnce() throws Exception {
        LocalDate yesterday = LocalDate.ofInstant(Instant.parse(check("cost-spike").getString("at")), ZoneOffset.UTC).minusDays(1);
        // Earlier checks (other tests, the other daily check here) may have found these already: start from no incident.
        TestDatabase.exec("DELETE FROM alert_incident WHERE alert IN ('partition-lag', 'storage-quota')");
        int lagMails = awaitMails(LAG, 0).size();
        int quotaMails = awaitMails(QUOTA, 0).size();
        int lagNotices = notices("partition-lag", "user_sessions").size();
        int quotaNotices = notices("storage-quota", "lake").size();
        // The table's newer proven days (other tests' exports) are set aside for the test, so its newest is five days back.
        Map<Long, String> setAside = new LinkedHashMap<>();
        try (Connection c = TestDatabase.connect();
             var statement = c.prepareStatement("UPDATE export_manifest m SET status = 'EXPORTED' FROM (SELECT id, status FROM export_manifest "
                     + "WHERE table_name = 'user_sessions' AND day > ? AND status IN ('VALIDATED', 'PURGED', 'ARCHIVED') FOR UPDATE) AS old "
                     + "WHERE m.id = old.id RETURNING old.id, old.status")) {
            statement.setObject(1, yesterday.minusDays(5));
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    setAside.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        try {
            manifestRow("user_sessions", yesterday.minusDays(5), 0);
            // Two TiB more lake than the default quota of one.
            manifestRow("agent_metrics", LocalDate.of(2001, 1, 1), 2L << 40);

            JsonObject daily = check("partition-lag&alert=storage-quota");
            assertThat(daily.getJsonArray("holding")).extracting(f -> f.asJsonObject().getString("alert") + " " + f.asJsonObject().getString("subject"))
                    .contains(LAG, QUOTA);
            check("partition-lag&alert=storage-quota");
            List<MimeMessage> opened = awaitMails(LAG, lagMails + 1).subList(lagMails, lagMails + 1);
            assertThat(opened).extracting(MimeMessage::getSubject).containsExactly("[tokyo-ia] " + LAG);
            assertThat((String) opened.get(0).getContent()).contains("5 days behind " + yesterday, "What to do:", "POST /api/etl/backfill");
            assertThat(awaitMails(QUOTA, quotaMails + 1).subList(quotaMails, quotaMails + 1)).extracting(MimeMessage::getSubject)
                    .containsExactly("[tokyo-ia] " + QUOTA);
            assertThat(notices("partition-lag", "user_sessions")).hasSize(lagNotices + 1);
            assertThat(notices("storage-quota", "lake")).hasSize(quotaNotices + 1);

            manifestRow("user_sessions", yesterday, 0);
            TestDatabase.exec("DELETE FROM export_manifest WHERE object_key = ? AND table_name = 'agent_metrics'", MARK);
            check("partition-lag&alert=storage-quota");
            check("partition-lag&alert=storage-quota");
            assertThat(awaitMails(LAG, lagMails + 2).subList(lagMails, lagMails + 2)).extracting(MimeMessage::getSubject)
                    .containsExactly("[tokyo-ia] " + LAG, "[tokyo-ia] cleared: " + LAG);
            assertThat(awaitMails(QUOTA, quotaMails + 2).subList(quotaMails, quotaMails + 2)).extracting(MimeMessage::getSubject)
                    .containsExactly("[tokyo-ia] " + QUOTA, "[tokyo-ia] cleared: " + QUOTA);
            assertThat(notices("partition-lag", "user_sessions")).hasSize(lagNotices + 2);
            assertThat(notices("storage-quota", "lake")).hasSize(quotaNotices + 2);
            assertThat(openIncidents("partition-lag")).doesNotContain("user_sessions");
            assertThat(openIncidents("storage-quota")).doesNotContain("lake");
        } finally {
            TestDatabase.exec("DELETE FROM export_manifest WHERE object_key = ?", MARK);
            for (Map.Entry<Long, String> row : setAside.entrySet()) {
                TestDatabase.exec("UPDATE export_manifest SET status = ? WHERE id = ?", row.getValue(), row.getKey());
            }
        }
    }

    /** A proven manifest row the alerts count: the table's day with {@code bytes} of lake, no file behind it (nothing reads it here). */
    private static void manifestRow(String table, LocalDate day, long bytes) throws Exception {
        TestDatabase.exec("INSERT INTO export_manifest (table_name, day, version, status, row_count, bytes, object_key, storage_class, "
                + "created_at, updated_at) VALUES (?, ?, 901, 'VALIDATED', 0, ?, ?, 'LOCAL', now(), now())", table, day, bytes, MARK);
    }

    private static String backfill(LocalDate day) {
        Http.Reply started = Http.post("/api/etl/backfill", """
                {"from":"%s","to":"%s","tables":"agent_tasks"}""".formatted(day, day));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return Jobs.awaitEnd(started.json().getJsonNumber("executionId").longValue()).getString("status");
    }

    /** An earlier run's copy of the day (its manifest rows were reset above, so nothing points at it any more). */
    private static void deleteTree(Path path) throws Exception {
        if (Files.isDirectory(path)) {
            try (var tree = Files.walk(path)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.deleteIfExists(path);
    }


    private static JsonObject check(String alert) {
        Http.Reply reply = Http.post("/api/alerts/check?alert=" + alert, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> openIncidents(String alert) {
        Http.Reply reply = Http.get("/api/alerts/incidents?limit=500");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonArray incidents = Json.createReader(new StringReader(reply.body())).readArray();
        return incidents.stream().map(JsonValue::asJsonObject)
                .filter(i -> i.getString("alert").equals(alert) && i.getBoolean("open"))
                .map(i -> i.getString("subject")).toList();
    }

    private static List<MimeMessage> awaitCostSpikeMails(int expected) throws Exception {
        return awaitMails("cost-spike", expected);
    }

    /** The e-mails whose subject names {@code about}, once that many arrived (other alerts' e-mails come too: every check runs here). */
    private static List<MimeMessage> awaitMails(String about, int expected) throws Exception {
        Instant deadline = SystemTime.clock().instant().plus(Duration.ofSeconds(30));
        while (true) {
            List<MimeMessage> mails = new ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getSubject().contains(about)) {
                    mails.add(m);
                }
            }
            if (mails.size() >= expected || SystemTime.clock().instant().isAfter(deadline)) {
                return mails;
            }
            Thread.sleep(200);
        }
    }

    private static List<String> costSpikeNotices() {
        return webhook.bodies().stream().filter(b -> b.contains("\"alert\":\"cost-spike\"")).toList();
    }

    private static List<String> notices(String alert, String subject) {
        return webhook.bodies().stream().filter(b -> b.contains("\"alert\":\"" + alert + "\"") && b.contains("\"subject\":\"" + subject + "\""))
                .toList();
    }

    private static void logExpensiveQuery(Instant at, String usd) throws Exception {
        TestDatabase.loggedQuery(MARK, at, usd);
    }

    /** A reload: WildFly stops every service and the application and starts them again, as after a restart. */
    private static void restartServer() throws Exception {
        ManagementClient management = new ManagementClient(Http.MANAGEMENT, "tokyoia-alerts", ManagementUsers.add("tokyoia-alerts"));
        JsonObject reload = management.execute(Json.createObjectBuilder().add("operation", "reload")
                .add("address", Json.createArrayBuilder()).build());
        assertThat(reload.getString("outcome")).as(reload.toString()).isEqualTo("success");
        Instant deadline = SystemTime.clock().instant().plus(Duration.ofMinutes(3));
        Thread.sleep(2000);
        while (true) {
            try {
                if (Http.get("/api/alerts/incidents?limit=1").status() == 200) {
                    return;
                }
            } catch (RuntimeException stillDown) {
                // connection refused while the server reloads
            }
            assertThat(SystemTime.clock().instant()).as("the application answers again after the reload").isBefore(deadline);
            Thread.sleep(1000);
        }
    }
}
