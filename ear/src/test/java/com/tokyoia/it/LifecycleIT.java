package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.Jobs;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The data lifecycle inside WildFly: retention through the API (a dry run that changes nothing,
 * the retention job removing a proven old day, late data and re-exports for it refused with 409),
 * and recovery of a job execution a dead server left running (failed and restarted by this one).
 * Days are relative to the test clock's today, as the server's are.
 */
@ExtendWith(ArquillianExtension.class)
class LifecycleIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void retentionRemovesAProvenOldDayAndRefusesLateDataForIt() throws Exception {
        LocalDate today = LocalDate.now(SystemTime.clock());
        LocalDate old = today.minusDays(200);
        UUID agent = UUID.randomUUID();
        TestDatabase.resetDays(List.of(old));
        try (Connection c = TestDatabase.connect()) {
            Instant at = old.atTime(10, 0).toInstant(ZoneOffset.UTC);
            UUID workflow = TestDatabase.agentWithWorkflow(c, agent, "lifecycle-it", at);
            for (int i = 0; i < 40; i++) {
                Timestamp t = Timestamp.from(at.plusSeconds(i * 60L));
                TestDatabase.exec(c, "INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 'summarize', 'COMPLETED', ?, ?)", UUID.randomUUID(), workflow, agent, t, t);
                TestDatabase.exec(c, "INSERT INTO agent_metrics (agent_id, metric_name, metric_value, recorded_at) "
                        + "VALUES (?, 'latency_ms', ?, ?)", agent, i * 2.5, t);
            }
        }
        Reply backfill = Http.post("/api/etl/backfill", "{\"from\":\"" + old + "\",\"tables\":\"agent_tasks,agent_metrics,workflows\"}");
        assertThat(backfill.status()).as(backfill.body()).isEqualTo(202);
        assertThat(Jobs.awaitEnd(backfill.json().getJsonNumber("executionId").longValue()).getString("status")).isEqualTo("COMPLETED");

        Map<String, String> before = TestDatabase.fingerprints(TestDatabase.APPLICATION_TABLES);
        Reply plan = Http.get("/api/etl/retention/plan");
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json().getString("keepsFrom")).isEqualTo(today.minusDays(90).toString());
        assertThat(verdict(plan.json(), "agent_tasks", old).getString("outcome")).isEqualTo("WOULD_PURGE");
        assertThat(verdict(plan.json(), "agent_tasks", old).getInt("rows")).isEqualTo(40);
        assertThat(verdict(plan.json(), "workflows", old).getString("outcome")).isEqualTo("HELD");
        assertThat(verdict(plan.json(), "workflows", old).getString("reason")).contains("referred to by agent_tasks");
        assertThat(TestDatabase.fingerprints(TestDatabase.APPLICATION_TABLES)).as("a dry run changes nothing").isEqualTo(before);

        Reply started = Http.post("/api/etl/retention", null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonObject run = Jobs.awaitEnd(started.json().getJsonNumber("executionId").longValue(), Duration.ofMinutes(3));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        for (String table : List.of("agent_tasks", "agent_metrics")) {
            assertThat(TestDatabase.string("SELECT to_regclass(?)::text", table + "_p" + old.toString().replace("-", ""))).isNull();
            assertThat(TestDatabase.string("SELECT status FROM export_manifest WHERE table_name = ? AND day = ? ORDER BY version DESC "
                    + "LIMIT 1", table, old)).isEqualTo("PURGED");
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM workflows WHERE name = 'lifecycle-it' AND agent_id = ?", agent))
                .as("the workflow went too once its tasks had gone").isZero();

        Reply late = Http.post("/api/metrics", "{\"points\":[{\"agentId\":\"" + agent + "\",\"name\":\"late\",\"value\":1,"
                + "\"unit\":\"ms\",\"recordedAt\":\"" + old.atTime(11, 0).toInstant(ZoneOffset.UTC) + "\"}]}");
        assertThat(late.status()).as("late data for a purged day: " + late.body()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        Reply reexport = Http.post("/api/etl/days/agent_metrics/" + old + "/reexport", null);
        assertThat(reexport.status()).as(reexport.body()).isEqualTo(409);
        assertThat(reexport.json().getString("type")).endsWith("day-purged");

        Reply answer = Http.get("/api/analytics/task_throughput?from=" + old + "&to=" + old.plusDays(1));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().getJsonArray("coldDays").getString(0)).isEqualTo(old.toString());
        assertThat(answer.json().getJsonArray("rows").getJsonObject(0).getJsonNumber("tasks").intValue()).isEqualTo(40);
        assertThat(Http.get("/api/etl/retention/holds").status()).isEqualTo(200);
    }

    @Test
    void anExecutionADeadServerLeftRunningIsFailedAndRestartedToTheEnd() throws Exception {
        LocalDate day = LocalDate.now(SystemTime.clock()).minusDays(20);
        TestDatabase.resetDays(List.of(day));
        UUID agent = UUID.randomUUID();
        try (Connection c = TestDatabase.connect()) {
            Instant at = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
            UUID workflow = TestDatabase.agentWithWorkflow(c, agent, "recovery-it", at);
            for (int i = 0; i < 25; i++) {
                Timestamp t = Timestamp.from(at.plusSeconds(i));
                TestDatabase.exec(c, "INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 'classify', 'COMPLETED', ?, ?)", UUID.randomUUID(), workflow, agent, t, t);
            }
        }
        // What a server killed in the middle of a daily-export leaves in the job repository: an execution
        // STARTED ten minutes ago, with nobody holding its lease.
        String application = TestDatabase.string("SELECT applicationname FROM job_instance WHERE jobname = 'daily-export' LIMIT 1");
        if (application == null) {
            Reply any = Http.post("/api/etl/backfill", "{\"from\":\"" + day.minusDays(1) + "\",\"tables\":\"agent_tasks\"}");
            Jobs.awaitEnd(any.json().getJsonNumber("executionId").longValue());
            application = TestDatabase.string("SELECT applicationname FROM job_instance WHERE jobname = 'daily-export' LIMIT 1");
        }
        Timestamp tenMinutesAgo = Timestamp.from(SystemTime.clock().instant().minus(Duration.ofMinutes(10)));
        long instance = TestDatabase.count("INSERT INTO job_instance (version, jobname, applicationname) VALUES (1, 'daily-export', ?) "
                + "RETURNING jobinstanceid", application);
        long dead = TestDatabase.count("INSERT INTO job_execution (jobinstanceid, version, createtime, starttime, lastupdatedtime, "
                + "batchstatus, jobparameters) VALUES (?, 1, ?, ?, ?, 'STARTED', ?) RETURNING jobexecutionid", instance, tenMinutesAgo,
                tenMinutesAgo, tenMinutesAgo, "from = " + day + "\nto = " + day + "\ntables = agent_tasks\nmode = export\n");

        long restarted = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (restarted == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            restarted = TestDatabase.count("SELECT coalesce(max(jobexecutionid), 0) FROM job_execution WHERE jobinstanceid = ? "
                    + "AND jobexecutionid <> ?", instance, dead);
        }
        assertThat(restarted).as("a new execution of the dead one's job instance").isPositive();
        assertThat(TestDatabase.string("SELECT batchstatus || ' ' || exitstatus FROM job_execution WHERE jobexecutionid = ?", dead))
                .startsWith("FAILED").contains("stopped");
        assertThat(Jobs.awaitEnd(restarted).getString("status")).isEqualTo("COMPLETED");
        assertThat(TestDatabase.string("SELECT status FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                + "ORDER BY version DESC LIMIT 1", day)).isEqualTo("VALIDATED");
        assertThat(TestDatabase.count("SELECT row_count FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                + "ORDER BY version DESC LIMIT 1", day)).isEqualTo(25);
        assertThat(TestDatabase.string("SELECT action || ' by ' || actor || ': ' || details FROM audit_log "
                + "WHERE entity_type = 'job-execution' AND entity_id = ?", String.valueOf(restarted)))
                .startsWith("batch.restart by execution recovery").contains("restarts execution " + dead);
    }

    private static JsonObject verdict(JsonObject plan, String table, LocalDate day) {
        for (JsonValue value : plan.getJsonArray("days")) {
            JsonObject verdict = value.asJsonObject();
            if (verdict.getString("table").equals(table) && verdict.getString("day").equals(day.toString())) {
                return verdict;
            }
        }
        throw new AssertionError("no verdict for " + table + " " + day + " in " + plan);
    }
}
