package com.tokyoia.etl.application.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.tokyoia.etl.application.port.AlertChannel;
import com.tokyoia.etl.application.port.FailureReport;
import com.tokyoia.etl.infrastructure.alerting.JdbcAlertFacts;
import com.tokyoia.etl.infrastructure.alerting.JdbcIncidentLog;
import com.tokyoia.etl.infrastructure.notify.MailNotifier;
import com.tokyoia.etl.infrastructure.notify.WebhookNotifier;
import com.tokyoia.testing.TestDatabase;
import com.tokyoia.testing.WebhookReceiver;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each alert fires once per incident and once more when it clears, on a real webhook listener and a
 * real SMTP server (GreenMail), with incidents in PostgreSQL: checking again, checking from a
 * "restarted" server (new objects, same database) or from two nodes at once announces nothing twice.
 * The figures are real too: analytics_query_log, export_manifest and pg_database_size. Time is a
 * fixed clock in 2030, a window no other test writes to.
 */
class IncidentAlertsTest {
    static final Instant NOW = Instant.parse("2030-06-15T12:00:00Z");
    static final LocalDate LAG_DAY = LocalDate.of(2030, 6, 10);
    static final DataSource DB = TestDatabase.dataSource();
    static GreenMail smtp;
    WebhookReceiver webhook;

    @BeforeAll
    static void smtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void clean() throws Exception {
        webhook = new WebhookReceiver();
        smtp.purgeEmailFromAllMailboxes();
        TestDatabase.exec("DELETE FROM alert_incident");
        TestDatabase.exec("DELETE FROM analytics_query_log WHERE created_at >= '2030-01-01'");
        TestDatabase.exec("DELETE FROM export_manifest WHERE day >= '2030-01-01'");
    }

    @AfterEach
    void close() throws Exception {
        webhook.close();
        clean();
        webhook.close();
    }

    @Test
    void anEtlFailureIsAnnouncedOnceThoughItRepeatsAfterARestartAndClearsOnceWhenTheDaySucceeds() throws Exception {
        FailureReport report = new FailureReport("daily-export", "agent_tasks", "2030-06-14", "SdkClientException: refused", 41);
        alerts(NOW).failed(Alerts.EXPORT, report);
        alerts(NOW.plusSeconds(60)).failed(Alerts.EXPORT, report);
        alerts(NOW.plus(Duration.ofDays(1))).failed(Alerts.EXPORT, new FailureReport("catch-up", "agent_tasks", "2030-06-14", "again", 42));
        assertThat(webhook.bodies()).hasSize(1);
        assertThat(webhook.bodies().get(0)).contains("\"alert\":\"etl-failure\"", "\"state\":\"OPENED\"", "\"table\":\"agent_tasks\"",
                "\"day\":\"2030-06-14\"", "\"executionId\":41", "\"job\":\"daily-export\"", "What to do");
        MimeMessage[] mails = mails(1);
        assertThat(mails[0].getSubject()).isEqualTo("[tokyo-ia] etl-failure export agent_tasks 2030-06-14");
        assertThat((String) mails[0].getContent()).contains("SdkClientException: refused", "What to do:", "POST /api/etl/backfill");

        alerts(NOW.plus(Duration.ofDays(1))).recovered(Alerts.EXPORT, "agent_tasks", LocalDate.of(2030, 6, 14));
        alerts(NOW.plus(Duration.ofDays(1))).recovered(Alerts.EXPORT, "agent_tasks", LocalDate.of(2030, 6, 14));
        assertThat(webhook.bodies()).hasSize(2);
        assertThat(webhook.bodies().get(1)).contains("\"state\":\"CLEARED\"", "\"subject\":\"export agent_tasks 2030-06-14\"");
        assertThat(mails(2)[1].getSubject()).isEqualTo("[tokyo-ia] cleared: etl-failure export agent_tasks 2030-06-14");
        assertThat(TestDatabase.count("SELECT count(*) FROM alert_incident WHERE cleared_at IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void aCostSpikeOpensOnceAcrossARestartAndClearsOnceWhenTheHourIsQuietAgain() throws Exception {
        for (int hour = 2; hour <= 25; hour++) {
            logQuery(NOW.minus(Duration.ofHours(hour)).plusSeconds(90), "0.10");
        }
        logQuery(NOW.minus(Duration.ofMinutes(20)), "2.40");
        logQuery(NOW.minus(Duration.ofMinutes(10)), "1.60");

        AlertEvaluator.Evaluation first = evaluator(NOW).check(Set.of(AlertKind.COST_SPIKE));
        assertThat(first.opened()).singleElement().satisfies(i -> assertThat(i.summary())
                .isEqualTo("Analytics spent $4.00 in the last hour, 3 times the trailing 24 h average of $0.10 per hour."));
        assertThat(evaluator(NOW.plusSeconds(600)).check(Set.of(AlertKind.COST_SPIKE)).opened()).as("after a restart").isEmpty();
        assertThat(webhook.bodies()).hasSize(1);
        assertThat(mails(1)[0].getSubject()).isEqualTo("[tokyo-ia] cost-spike analytics");

        AlertEvaluator.Evaluation quiet = evaluator(NOW.plus(Duration.ofHours(2))).check(Set.of(AlertKind.COST_SPIKE));
        assertThat(quiet.cleared()).hasSize(1);
        assertThat(evaluator(NOW.plus(Duration.ofHours(3))).check(Set.of(AlertKind.COST_SPIKE)).cleared()).isEmpty();
        assertThat(webhook.bodies()).hasSize(2);
        assertThat(mails(2)[1].getSubject()).isEqualTo("[tokyo-ia] cleared: cost-spike analytics");
    }

    @Test
    void spendingOverTheHourlyLimitIsASpikeEvenWhenItIsTheUsualSpend() throws Exception {
        for (int hour = 0; hour <= 24; hour++) {
            logQuery(NOW.minus(Duration.ofHours(hour)).minusSeconds(90), "12.00");
        }
        assertThat(evaluator(NOW).check(Set.of(AlertKind.COST_SPIKE)).opened()).singleElement()
                .satisfies(i -> assertThat(i.summary()).contains("$12.00", "above the hourly limit of $10.00"));
    }

    @Test
    void aLaggingTableOpensItsIncidentOnceAndClearsWhenItsDayIsProven() throws Exception {
        proven("agent_tasks", LAG_DAY);
        AlertEvaluator.Evaluation lagging = evaluator(NOW).check(Set.of(AlertKind.PARTITION_LAG));
        assertThat(lagging.opened()).filteredOn(i -> i.subject().equals("agent_tasks")).singleElement()
                .satisfies(i -> assertThat(i.summary()).isEqualTo(
                        "agent_tasks: the newest proven lake day is 2030-06-10, 4 days behind 2030-06-14 (allowed 1)."));
        assertThat(evaluator(NOW).check(Set.of(AlertKind.PARTITION_LAG)).opened()).isEmpty();
        proven("agent_tasks", LocalDate.of(2030, 6, 11));
        assertThat(evaluator(NOW).check(Set.of(AlertKind.PARTITION_LAG)).opened()).as("still lagging: the same incident").isEmpty();
        assertThat(new JdbcIncidentLog(DB).openOf(AlertKind.PARTITION_LAG)).filteredOn(i -> i.subject().equals("agent_tasks"))
                .singleElement().satisfies(i -> assertThat(i.summary()).as("the latest finding's words").contains("2030-06-11, 3 days behind"));

        proven("agent_tasks", LocalDate.of(2030, 6, 13));
        AlertEvaluator.Evaluation caughtUp = evaluator(NOW).check(Set.of(AlertKind.PARTITION_LAG));
        assertThat(caughtUp.cleared()).extracting(Incident::subject).containsExactly("agent_tasks");
        assertThat(webhook.bodies()).filteredOn(b -> b.contains("\"subject\":\"agent_tasks\"")).hasSize(2);
    }

    @Test
    void storageOverItsQuotaOpensAndClearsWhenTheQuotaIsRaised() throws Exception {
        proven("agent_tasks", LAG_DAY);
        long postgres = new JdbcAlertFacts(DB).postgresBytes();
        AlertSettings small = settings(1, postgres / 2);
        AlertEvaluator.Evaluation over = evaluator(NOW, small).check(Set.of(AlertKind.STORAGE_QUOTA));
        assertThat(over.opened()).extracting(Incident::subject).containsExactlyInAnyOrder("lake", "postgresql");
        assertThat(evaluator(NOW, small).check(Set.of(AlertKind.STORAGE_QUOTA)).opened()).isEmpty();

        AlertEvaluator.Evaluation raised = evaluator(NOW, settings(1L << 50, 1L << 50)).check(Set.of(AlertKind.STORAGE_QUOTA));
        assertThat(raised.cleared()).extracting(Incident::subject).containsExactlyInAnyOrder("lake", "postgresql");
        assertThat(mails(4)).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder("[tokyo-ia] storage-quota lake",
                "[tokyo-ia] storage-quota postgresql", "[tokyo-ia] cleared: storage-quota lake", "[tokyo-ia] cleared: storage-quota postgresql");
    }

    @Test
    void twoNodesCheckingTheSameSpikeAtOnceAnnounceItOnce() throws Exception {
        logQuery(NOW.minus(Duration.ofMinutes(5)), "50.00");
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> node = () -> {
            AlertEvaluator evaluator = evaluator(NOW);
            start.await();
            return evaluator.check(Set.of(AlertKind.COST_SPIKE)).opened().size();
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(node);
            Future<Integer> b = pool.submit(node);
            start.countDown();
            assertThat(a.get() + b.get()).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(webhook.bodies()).hasSize(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM alert_incident WHERE alert = 'cost-spike'")).isEqualTo(1);
    }

    /** A server as it is built after a (re)start: new objects over the same database. */
    private Alerts alerts(Instant now) {
        Properties mail = new Properties();
        mail.put("mail.smtp.host", "127.0.0.1");
        mail.put("mail.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        List<AlertChannel> channels = List.of(new WebhookNotifier(webhook.url()),
                new MailNotifier(Session.getInstance(mail), "tokyo-ia@test", "ops@test"));
        return new Alerts(channels, new JdbcIncidentLog(DB), Clock.fixed(now, ZoneOffset.UTC));
    }

    private AlertEvaluator evaluator(Instant now) {
        return evaluator(now, settings(1L << 50, 1L << 50));
    }

    private AlertEvaluator evaluator(Instant now, AlertSettings settings) {
        JdbcAlertFacts facts = new JdbcAlertFacts(DB);
        return new AlertEvaluator(alerts(now), List.of(new CostSpikeCondition(facts, settings),
                new PartitionLagCondition(facts, settings.maxLagDays()),
                new StorageQuotaCondition(facts, settings.lakeQuotaBytes(), settings.postgresQuotaBytes())), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static AlertSettings settings(long lakeQuota, long postgresQuota) {
        return new AlertSettings(BigDecimal.valueOf(3), BigDecimal.ONE, BigDecimal.TEN, 24, 1, lakeQuota, postgresQuota);
    }

    private MimeMessage[] mails(int expected) {
        assertThat(smtp.waitForIncomingEmail(5000, expected)).as("%d e-mails arrived", expected).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(expected);
        return received;
    }

    private static void logQuery(Instant at, String usd) throws Exception {
        TestDatabase.loggedQuery("daily-cost", at, usd);
    }

    private static void proven(String table, LocalDate day) throws Exception {
        TestDatabase.exec("INSERT INTO export_manifest (table_name, day, version, status, row_count, bytes, object_key, sha256, created_at, "
                + "updated_at, validated_at) VALUES (?, ?, 1, 'VALIDATED', 10, 5000, ?, 'x', now(), now(), now())",
                table, day, "lake/" + table + "/" + day + ".parquet");
    }
}
