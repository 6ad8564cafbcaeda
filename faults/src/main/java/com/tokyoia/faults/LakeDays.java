package com.tokyoia.faults;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * The days of agent_tasks the ETL faults export: written straight into PostgreSQL, exported through
 * the API, and looked up in the manifest, the job repository and the lake.
 */
public final class LakeDays {
    public static final String TABLE = "agent_tasks";

    private LakeDays() {
    }

    /** The agent and workflow a fault's rows belong to, created through the API so they are told apart from anything else. */
    public record Owner(String agent, String workflow) {
    }

    /** A new agent and a workflow of it, both named after the fault. */
    public static Owner owner(ServerUnderTest server, String name) throws IOException, InterruptedException {
        String agent = server.newAgent(name);
        HttpResponse<String> workflow = server.send(server.post("/api/workflows",
                "{\"name\":\"" + name + "\",\"agentId\":\"" + agent + "\"}", null));
        if (workflow.statusCode() != 201) {
            throw new IllegalStateException("could not create a workflow: " + workflow.statusCode() + " " + workflow.body());
        }
        return new Owner(agent, ServerUnderTest.json(workflow.body()).getString("id"));
    }

    /** High-entropy rows (random ids, times over the whole day, two md5s of text each) straight into the day's partition. */
    public static void write(String jdbc, LocalDate day, Owner owner, int rows, String taskType) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc)) {
            try (PreparedStatement ensure = c.prepareStatement("SELECT tokyoia_ensure_day_partition(?, ?)")) {
                ensure.setString(1, TABLE);
                ensure.setObject(2, day);
                ensure.executeQuery().close();
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, completed_at, tokens_input,
                                             cost_usd, latency_ms, error_message, updated_at)
                    SELECT gen_random_uuid(), ?::uuid, ?::uuid, ?, 'COMPLETED', t, t, (random() * 10000)::int,
                           round((random() * 5)::numeric, 6), (random() * 100000)::int, md5(random()::text) || md5(random()::text), t
                    FROM (SELECT (?::date)::timestamp AT TIME ZONE 'UTC' + random() * interval '86399 seconds' AS t
                          FROM generate_series(1, ?)) g""")) {
                insert.setString(1, owner.workflow());
                insert.setString(2, owner.agent());
                insert.setString(3, taskType);
                insert.setObject(4, day);
                insert.setInt(5, rows);
                insert.executeUpdate();
            }
        }
    }

    /** Asks the server to back the day up: its answer, 202 with the execution or a refusal. */
    public static HttpResponse<String> backfill(ServerUnderTest server, LocalDate day) throws IOException, InterruptedException {
        return server.send(server.post("/api/etl/backfill",
                "{\"from\":\"" + day + "\",\"to\":\"" + day + "\",\"tables\":\"" + TABLE + "\"}", null));
    }

    /** Asks the server to back the days from, to (inclusive) up in every exported table. */
    public static HttpResponse<String> backfillAllTables(ServerUnderTest server, LocalDate from, LocalDate to)
            throws IOException, InterruptedException {
        return server.send(server.post("/api/etl/backfill", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}", null));
    }

    public static long executionId(HttpResponse<String> started) {
        if (started.statusCode() != 202) {
            throw new IllegalStateException("the backfill was refused: " + started.statusCode() + " " + started.body());
        }
        return ServerUnderTest.json(started.body()).getJsonNumber("executionId").longValue();
    }

    /** Exports the day and waits for the job to end: the run as the API reports it. */
    public static JsonObject export(ServerUnderTest server, LocalDate day) throws Exception {
        return awaitEnd(server, executionId(backfill(server, day)), Duration.ofMinutes(5));
    }

    /** The run as the API reports it once it ended; a moment without an answer (a 503 while PostgreSQL restarts) is waited out. */
    public static JsonObject awaitEnd(ServerUnderTest server, long execution, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> reply = server.send(server.request("/api/etl/runs/" + execution).GET().build());
            if (reply.statusCode() == 200) {
                JsonObject run = ServerUnderTest.json(reply.body());
                String status = run.getString("status");
                if (!status.equals("STARTING") && !status.equals("STARTED") && !status.equals("STOPPING")) {
                    return run;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("export " + execution + " still runs after " + limit.toSeconds() + " s");
    }

    /** The newest version's status, with its error if any. */
    public static String manifest(String jdbc, LocalDate day) throws SQLException {
        return string(jdbc, "SELECT status || coalesce(': ' || error_message, '') FROM export_manifest "
                + "WHERE table_name = ? AND day = ? ORDER BY version DESC LIMIT 1", TABLE, day);
    }

    /** Waits until the newest version's status starts with {@code status}. */
    public static void awaitStatus(String jdbc, LocalDate day, String status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!manifest(jdbc, day).startsWith(status)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(day + " never became " + status + "; it is " + manifest(jdbc, day));
            }
            Thread.sleep(100);
        }
    }

    /** Every version of the day: "version status rows", comma-separated. */
    public static String versions(String jdbc, LocalDate day) throws SQLException {
        return string(jdbc, "SELECT string_agg(version || ' ' || status || ' ' || coalesce(row_count::text, '-'), ', ' "
                + "ORDER BY version) FROM export_manifest WHERE table_name = ? AND day = ?", TABLE, day);
    }

    public static long count(String jdbc, LocalDate day) throws SQLException {
        return Long.parseLong(string(jdbc, "SELECT count(*) FROM agent_tasks WHERE created_at >= (?::date)::timestamp AT TIME ZONE "
                + "'UTC' AND created_at < ((?::date) + 1)::timestamp AT TIME ZONE 'UTC'", day, day));
    }

    /** The first column of the first row as text, "(none)" without a row. */
    public static String string(String jdbc, String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getObject(1)) : "(none)";
            }
        }
    }

    /** The day's folder of the table in the lake, under which each version has its own. */
    public static Path dayFolder(Path lake, LocalDate day) {
        return lake.resolve(TABLE).resolve("year=%04d/month=%02d/day=%02d".formatted(day.getYear(), day.getMonthValue(),
                day.getDayOfMonth()));
    }

    /** The lake's files of this table and day. */
    public static List<Path> dayFiles(Path lake, LocalDate day) {
        return files(dayFolder(lake, day));
    }

    /** Half-written copies an export left in the lake. */
    public static List<Path> stagingFiles(Path lake) {
        return files(lake).stream().filter(p -> p.getFileName().toString().contains("staging")).toList();
    }

    public static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
