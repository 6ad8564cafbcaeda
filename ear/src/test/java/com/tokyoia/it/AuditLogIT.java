package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.Http.User;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail as admins read it (GET /api/audit: filters, keyset pages), and as the database
 * keeps it: the server connects as the application's role, which may add entries but never change
 * or remove one, and has no DDL.
 */
@ExtendWith(ArquillianExtension.class)
class AuditLogIT {
    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void anAdminFindsARefusedCallByWhoMadeItAndWhat() throws Exception {
        Instant since = serverNow();
        Reply refused = Http.post(User.VIEWER, "/api/etl/retention", "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);

        String query = "/api/audit?actor=it-viewer&action=access.refused&entityId=" + encode("POST /api/etl/retention")
                + "&from=" + since;
        List<JsonObject> entries = awaitEntries(query, 1);
        JsonObject entry = entries.get(entries.size() - 1);
        assertThat(entry.getString("entityType")).isEqualTo("access");
        assertThat(entry.getString("details")).isEqualTo("403 POST /api/etl/retention from 127.0.0.1");
        assertThat(Instant.parse(entry.getString("occurredAt"))).isAfterOrEqualTo(since);

        Reply asAnalyst = Http.get(User.ANALYST, query);
        assertThat(asAnalyst.status()).as("only admins read the audit log").isEqualTo(403);
    }

    @Test
    void failedLoginsAreAuditedWithTheNameTriedAndAnsweredEverLater() throws Exception {
        // Failures are counted per 15-minute window: a run that straddles a window's end starts over
        // with a new name (it cannot straddle two).
        for (int attempt = 1; ; attempt++) {
            Instant since = serverNow();
            User guesser = new User("guesser-" + UUID.randomUUID().toString().substring(0, 8), "not-the-password");
            long[] millis = new long[5];
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                Reply reply = Http.get(guesser, "/api/agents?limit=1");
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                assertThat(reply.status()).isEqualTo(401);
                assertThat(reply.contentType()).startsWith("application/problem+json");
            }
            List<String> details = awaitEntries("/api/audit?action=access.refused&from=" + since
                    + "&entityId=" + encode("GET /api/agents"), 5).stream().map(e -> e.getString("details")).toList();
            String fifth = "401 GET /api/agents from 127.0.0.1 (failed login as " + guesser.name() + ", 5 in this 15-minute window)";
            if (!details.contains(fifth) && attempt == 1) {
                continue;
            }
            assertThat(details).contains(fifth).noneMatch(d -> d.contains(guesser.password()));
            // The 4th failure of the window waits 250 ms, the 5th 500 ms (LoginFailures); only lower bounds are certain.
            assertThat(millis[3]).as("4th failure").isGreaterThanOrEqualTo(250);
            assertThat(millis[4]).as("5th failure").isGreaterThanOrEqualTo(500);
            return;
        }
    }

    @Test
    void pagesWalkEveryMatchingEntryOnceOldestFirst() throws Exception {
        Instant since = serverNow();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Reply reply = Http.post(User.ADMIN, "/api/agents", "{\"name\":\"audit-it-" + UUID.randomUUID()
                    + "\",\"role\":\"r\",\"model\":\"m\"}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            created.add(reply.json().getString("id"));
        }
        awaitEntries("/api/audit?actor=it-admin&action=agent.created&from=" + since, 5);

        List<String> seen = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = Http.get("/api/audit?actor=it-admin&action=agent.created&entityType=agent&limit=2&from=" + since
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            for (JsonValue item : page.items()) {
                seen.add(item.asJsonObject().getString("entityId"));
                times.add(Instant.parse(item.asJsonObject().getString("occurredAt")));
            }
            JsonValue next = page.json().get("nextCursor");
            cursor = next == null || next.getValueType() == JsonValue.ValueType.NULL ? null : page.json().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 50);
        assertThat(pages).as("five entries or more, two a page").isGreaterThanOrEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
        assertThat(times).isSorted();
    }

    @Test
    void badFiltersAreRefusedWithAProblem() {
        for (String query : List.of("cursor=not-a-cursor", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "limit=0",
                "from=yesterday", "actor=" + "x".repeat(201))) {
            Reply reply = Http.get("/api/audit?" + query);
            assertThat(reply.status()).as(query + ": " + reply.body()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void theServersDatabaseRoleMayAddAuditEntriesButNeverChangeThem() throws Exception {
        assertThat(TestDatabase.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = ?",
                TestDatabase.APP_ROLE)).as("the server's pools connect as " + TestDatabase.APP_ROLE).isPositive();
        assertThat(TestDatabase.count("SELECT count(*) FROM pg_roles WHERE rolname = ? AND (rolsuper OR rolcreaterole OR rolcreatedb)",
                TestDatabase.APP_ROLE)).as("no superuser, no role or database creation").isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = ?",
                TestDatabase.APP_ROLE)).as("owns no application table").isZero();

        try (Connection app = TestDatabase.connectAsApplication(); Statement s = app.createStatement()) {
            s.execute("INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_id, details) "
                    + "VALUES ('2001-01-01T00:00:00Z', 'audit-it', 'test.append', 'test', 'x', 'appended by the application role')");
            for (String sql : List.of(
                    "UPDATE audit_log SET details = 'rewritten' WHERE actor = 'audit-it'",
                    "DELETE FROM audit_log WHERE actor = 'audit-it'",
                    "TRUNCATE audit_log",
                    "DROP TABLE agents",
                    "ALTER TABLE agents ADD COLUMN sneaky text",
                    "CREATE TABLE public.sneaky (id int)",
                    "UPDATE flyway_schema_history SET success = false")) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo("42501"));
            }
            // Its one way to drop a day's partition refuses a day the manifest does not call purged.
            String today = LocalDate.ofInstant(serverNow(), ZoneOffset.UTC).toString();
            assertThatThrownBy(() -> s.execute("SELECT tokyoia_drop_day_partition('agent_tasks', '" + today + "')"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo("TKP02"));
            assertThat(TestDatabase.count("SELECT count(*) FROM pg_class WHERE relname = ?", "agent_tasks_p" + today.replace("-", "")))
                    .as("today's partition stays").isEqualTo(1);
        } finally {
            TestDatabase.exec("DELETE FROM audit_log WHERE actor = 'audit-it'");
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM audit_log WHERE details = 'rewritten'")).isZero();
    }

    /**
     * The server's clock, a moment ago (its Date header, to the second, minus one): under the CI's
     * faketime run the server's clock started when the server did, not when this JVM did.
     */
    private static Instant serverNow() {
        Reply reply = Http.get("/api/agents?limit=1");
        String date = reply.header("Date");
        assertThat(date).as("the server's Date header").isNotNull();
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().minusSeconds(1);
    }

    private static List<JsonObject> awaitEntries(String query, int atLeast) throws InterruptedException {
        // The audit writer is asynchronous.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Reply reply = Http.get(query + "&limit=500");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            List<JsonObject> entries = reply.items().stream().map(JsonValue::asJsonObject).toList();
            if (entries.size() >= atLeast || System.nanoTime() > deadline) {
                assertThat(entries).as(query).hasSizeGreaterThanOrEqualTo(atLeast);
                return entries;
            }
            Thread.sleep(200);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
