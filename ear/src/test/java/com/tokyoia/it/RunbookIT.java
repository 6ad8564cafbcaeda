package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Jobs;
import com.tokyoia.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/runbook.md's non-destructive procedures, run as written (docs/runbook-check.sh extracts and
 * runs its runbook-check blocks) against this server: runs and manifest, a backfill, a deep verify,
 * a backup restored into a scratch database, a re-import. The output is in target/runbook-check.log.
 */
@ExtendWith(ArquillianExtension.class)
class RunbookIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void theRunbooksCommandsWorkAsWritten() throws Exception {
        LocalDate day = LocalDate.now(SystemTime.clock()).minusDays(12);
        TestDatabase.resetDays(List.of(day));
        UUID agent = UUID.randomUUID();
        try (Connection c = TestDatabase.connect()) {
            Instant at = day.atTime(6, 0).toInstant(ZoneOffset.UTC);
            UUID workflow = TestDatabase.agentWithWorkflow(c, agent, "runbook-it", at);
            TestDatabase.completedTasks(c, workflow, agent, "plan", at, Duration.ofSeconds(30), 30);
        }
        Http.Reply backfill = Http.post("/api/etl/backfill", "{\"from\":\"" + day + "\"}");
        assertThat(backfill.status()).as(backfill.body()).isEqualTo(202);
        Jobs.awaitEnd(backfill.json().getJsonNumber("executionId").longValue());

        Path log = Path.of("target", "runbook-check.log");
        Path backups = Path.of("target", "runbook-backups").toAbsolutePath();
        ProcessBuilder check = new ProcessBuilder("bash", Path.of("..", "docs", "runbook-check.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        String database = TestDatabase.string("SELECT current_database()");
        // The runbook's curl and ./tokyo-ia read the admin's credentials from a netrc file: here the tests' admin.
        Path netrc = Path.of("target", "runbook-netrc").toAbsolutePath();
        Files.writeString(netrc, "machine 127.0.0.1 login " + Http.User.ADMIN.name() + " password " + Http.User.ADMIN.password() + "\n");
        check.environment().putAll(Map.of("DAY", day.toString(), "TOKYOIA_PORT_OFFSET", String.valueOf(Http.OFFSET),
                "TOKYOIA_DB_NAME", database, "TOKYOIA_BACKUP_DIR", backups.toString(), "SCRATCH_DB", database + "_runbook", "NETRC", netrc.toString()));
        Process process = check.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the runbook check ends").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("== all ").contains("\"ok\":true").contains("re-import started");
        assertThat(backups).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".dump"));
    }
}
