package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.etl.application.JobStarters;
import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Jobs;
import com.tokyoia.testing.ManagementClient;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batch jobs as an operator runs them from the admin console: through the management HTTP API
 * the console uses (HTTP Digest, as a management user added the way ./tokyo-ia admin-user adds
 * one), start daily-export with parameters and follow it to the end, restart a failed execution,
 * stop a running one. Executions started there are the API's like any other.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleBatchIT {
    static final JsonArray BATCH = Json.createArrayBuilder().add(Json.createObjectBuilder().add("deployment", "tokyo-ia.ear"))
            .add(Json.createObjectBuilder().add("subdeployment", "tokyo-ia-ejb-etl.jar"))
            .add(Json.createObjectBuilder().add("subsystem", "batch-jberet")).build();
    static ManagementClient console;
    static LocalDate day;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @BeforeAll
    static void operatorAndData() throws Exception {
        String password = ManagementUsers.add("tokyoia-operator");
        console = new ManagementClient(Http.MANAGEMENT, "tokyoia-operator", password);

        day = LocalDate.now(SystemTime.clock()).minusDays(15);
        TestDatabase.resetDays(List.of(day, day.minusDays(1)));
        try (Connection c = TestDatabase.connect()) {
            UUID agent = UUID.randomUUID();
            Instant at = day.minusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
            UUID workflow = TestDatabase.agentWithWorkflow(c, agent, "console-it", at);
            for (LocalDate d : List.of(day, day.minusDays(1))) {
                for (int i = 0; i < 20; i++) {
                    Timestamp t = Timestamp.from(d.atTime(9, 0).toInstant(ZoneOffset.UTC).plusSeconds(i));
                    TestDatabase.exec(c, "INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, updated_at) "
                            + "VALUES (?, ?, ?, 'console', 'COMPLETED', ?, ?)", UUID.randomUUID(), workflow, agent, t, t);
                }
            }
        }
    }

    private static JsonObject operation(String name, JsonObjectBuilder arguments) {
        return arguments.add("operation", name).add("address", BATCH).build();
    }

    /**
     * The execution's batch status as the console shows it. The subsystem lists a job's executions
     * from the job repository when its children are read, so a just-started one is read that way
     * (reading its address directly fails until the list was refreshed); absent yet means starting.
     */
    private static String status(long execution) {
        JsonObject read = console.execute(Json.createObjectBuilder().add("operation", "read-children-resources")
                .add("child-type", "execution").add("include-runtime", true)
                .add("address", Json.createArrayBuilder(BATCH).add(Json.createObjectBuilder().add("job", "daily-export"))).build());
        assertThat(read.getString("outcome")).as(read.toString()).isEqualTo("success");
        JsonObject executions = read.getJsonObject("result");
        String id = String.valueOf(execution);
        return executions.containsKey(id) ? executions.getJsonObject(id).getString("batch-status") : "STARTING";
    }

    private static String awaitEnd(long execution) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String status = status(execution);
        while (List.of("STARTING", "STARTED", "STOPPING").contains(status) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            status = status(execution);
        }
        return status;
    }

    private static long start(LocalDate from) {
        JsonObject started = console.execute(operation("start-job", Json.createObjectBuilder().add("job-xml-name", "daily-export")
                .add("properties", Json.createObjectBuilder().add("from", from.toString()).add("to", from.toString())
                        .add("tables", "agent_tasks").add("mode", "export"))));
        assertThat(started.getString("outcome")).as(started.toString()).isEqualTo("success");
        return started.getJsonNumber("result").longValue();
    }

    @Test
    void theConsoleStartsAJobWithParametersAndItRunsLikeAnyOther() throws Exception {
        assertThat(console.anonymousStatus(operation("read-resource", Json.createObjectBuilder()))).as("the console needs a login")
                .isEqualTo(401);
        long execution = start(day);
        assertThat(awaitEnd(execution)).isEqualTo("COMPLETED");
        JsonObject run = Http.get("/api/etl/runs/" + execution).json();
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("daysDone")).isEqualTo(1);
        assertThat(TestDatabase.string("SELECT status FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                + "ORDER BY version DESC LIMIT 1", day)).isEqualTo("VALIDATED");
        assertThat(audit(execution)).isEqualTo("batch.start by " + JobStarters.MANAGEMENT);
        // WildFly's management audit log names the user behind it.
        Path managementAudit = Path.of(System.getProperty("jboss.home"), "standalone", "data", "audit-log.log");
        assertThat(Files.readString(managementAudit)).contains("\"user\" : \"tokyoia-operator\"").contains("start-job");

        // The same job through the API says so, with the API's user.
        JsonObject viaApi = Http.post("/api/etl/backfill", "{\"from\":\"" + day + "\",\"to\":\"" + day + "\"}").json();
        long apiExecution = viaApi.getJsonNumber("executionId").longValue();
        assertThat(awaitEnd(apiExecution)).isEqualTo("COMPLETED");
        assertThat(audit(apiExecution)).isEqualTo("batch.start by " + JobStarters.API + ":" + Http.User.ADMIN.name());
    }

    @Test
    void badParametersFromTheConsoleFailTheExecutionAtOnceNamingTheParameter() throws Exception {
        LocalDate today = LocalDate.now(SystemTime.clock());
        Map<String, String> cases = Map.of("to", "{\"from\":\"" + today.minusDays(2) + "\",\"to\":\"" + today + "\"}",
                "from", "{\"to\":\"" + today.minusDays(2) + "\"}",
                "tables", "{\"from\":\"" + today.minusDays(2) + "\",\"tables\":\"agent_taskz\"}",
                "threads", "{\"from\":\"" + today.minusDays(2) + "\",\"threads\":\"many\"}");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            JsonObject properties = Json.createReader(new StringReader(bad.getValue())).readObject();
            JsonObject started = console.execute(operation("start-job", Json.createObjectBuilder().add("job-xml-name", "daily-export")
                    .add("properties", properties)));
            assertThat(started.getString("outcome")).as(started.toString()).isEqualTo("success");
            long execution = started.getJsonNumber("result").longValue();
            assertThat(awaitEnd(execution)).isEqualTo("FAILED");
            assertThat(TestDatabase.string("SELECT exitstatus FROM job_execution WHERE jobexecutionid = ?", execution))
                    .as(bad.getValue()).startsWith("FAILED: job parameter '" + bad.getKey() + "'");
            assertThat(TestDatabase.count("SELECT count(*) FROM partition_execution p JOIN step_execution s USING (stepexecutionid) "
                    + "WHERE s.jobexecutionid = ?", execution)).as("no day was touched").isZero();
            Http.Reply run = Http.get("/api/etl/runs/" + execution);
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            assertThat(run.json().getString("exitStatus")).startsWith("FAILED: job parameter '" + bad.getKey() + "'");
        }
        Http.Reply runs = Http.get("/api/etl/runs");
        assertThat(runs.status()).as("runs with bad parameters are listed, not an error: " + runs.body()).isEqualTo(200);
    }

    /** The audit log's entry for a job execution: "action by actor". */
    private static String audit(long execution) throws Exception {
        return TestDatabase.string("SELECT action || ' by ' || actor FROM audit_log WHERE entity_type = 'job-execution' "
                + "AND entity_id = ?", String.valueOf(execution));
    }

    @Test
    void aFailedExecutionIsRestartedFromTheConsoleAndFinishes() throws Exception {
        LocalDate failing = day.minusDays(1);
        long failed;
        // Another "export" holds the day's lock: the partition fails at once, and so does the job.
        try (Connection c = TestDatabase.connect();
             PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(hashtext('tokyoia-export'), hashtext(?))")) {
            lock.setString(1, "agent_tasks/" + failing);
            lock.executeQuery().close();
            failed = start(failing);
            assertThat(awaitEnd(failed)).isEqualTo("FAILED");
            // The pool keeps the session, and with it the lock, after close: release it by hand.
            TestDatabase.exec(c, "SELECT pg_advisory_unlock(hashtext('tokyoia-export'), hashtext(?))", "agent_tasks/" + failing);
        }
        JsonObject restarted = console.execute(operation("restart-job", Json.createObjectBuilder().add("execution-id", failed)));
        assertThat(restarted.getString("outcome")).as(restarted.toString()).isEqualTo("success");
        long again = restarted.getJsonNumber("result").longValue();
        assertThat(again).isNotEqualTo(failed);
        assertThat(awaitEnd(again)).isEqualTo("COMPLETED");
        assertThat(audit(again)).isEqualTo("batch.restart by " + JobStarters.MANAGEMENT);
        assertThat(TestDatabase.count("SELECT row_count FROM export_manifest WHERE table_name = 'agent_tasks' AND day = ? "
                + "AND status = 'VALIDATED'", failing)).isEqualTo(20);
    }

    @Test
    void aRunningExecutionIsStoppedFromTheConsoleAndTheManifestStaysTrue() throws Exception {
        LocalDate held = day.minusDays(3);
        TestDatabase.resetDays(List.of(held));
        long execution;
        try (Connection c = TestDatabase.connect()) {
            // Holds the export inside its extract until this transaction ends.
            c.setAutoCommit(false);
            TestDatabase.exec(c, "LOCK TABLE agent_tasks IN ACCESS EXCLUSIVE MODE");
            execution = start(held);
            JsonObject stopped = console.execute(operation("stop-job", Json.createObjectBuilder().add("execution-id", execution)));
            assertThat(stopped.getString("outcome")).as(stopped.toString()).isEqualTo("success");
            c.rollback();
        }
        assertThat(awaitEnd(execution)).as("stopped, not run to the end").isEqualTo("STOPPED");
        assertThat(Jobs.awaitEnd(execution).getString("status")).isEqualTo("STOPPED");
        assertThat(TestDatabase.count("SELECT count(*) FROM export_manifest WHERE day = ? AND status IN ('EXPORTING', 'EXPORTED')",
                held)).as("nothing left half-way in the manifest").isZero();
    }
}
