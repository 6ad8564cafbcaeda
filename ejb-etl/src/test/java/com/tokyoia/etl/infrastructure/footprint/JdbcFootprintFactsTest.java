package com.tokyoia.etl.infrastructure.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.etl.application.footprint.LakeCopies;
import com.tokyoia.etl.application.footprint.LakeObjects;
import com.tokyoia.etl.application.footprint.PostgresTable;
import com.tokyoia.lake.domain.lifecycle.StorageClass;
import com.tokyoia.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The footprint's figures from a real PostgreSQL: each test adds known manifest rows and hot rows
 * on days no other test uses and checks the figures moved by exactly those amounts.
 */
class JdbcFootprintFactsTest {
    static final List<LocalDate> DAYS = List.of(LocalDate.of(2019, 5, 1), LocalDate.of(2019, 5, 2), LocalDate.of(2019, 5, 3));
    final JdbcFootprintFacts facts = new JdbcFootprintFacts(TestDatabase.dataSource());

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        TestDatabase.resetDays(DAYS);
    }

    @Test
    void countsStoredObjectsByStorageClassAsTheApplicationReadsIt() throws Exception {
        List<LakeObjects> before = facts.lakeObjects();
        manifest(DAYS.get(0), 1, "PURGED", 100, 10, null, "k1", false);
        manifest(DAYS.get(0), 2, "VALIDATED", 150, 12, "STANDARD", "k2", false);
        manifest(DAYS.get(1), 1, "ARCHIVED", 1000, 90, "DEEP_ARCHIVE", "k3", false);
        manifest(DAYS.get(1), 2, "EXPORTED", 7, 1, "INTELLIGENT_TIERING", "k4", false);
        manifest(DAYS.get(2), 1, "REMOVED", 999, 1, "STANDARD", "k5", false);
        manifest(DAYS.get(2), 2, "FAILED", 888, 1, "STANDARD", null, false);
        manifest(DAYS.get(2), 3, "VALIDATED", 777, 1, "STANDARD", "k7", true);
        List<LakeObjects> after = facts.lakeObjects();

        assertThat(delta(before, after, StorageClass.STANDARD)).as("no class, STANDARD and INTELLIGENT_TIERING: objects, bytes")
                .containsExactly(3, 257);
        assertThat(delta(before, after, StorageClass.DEEP_ARCHIVE)).containsExactly(1, 1000);
    }

    @Test
    void countsOnlyTheNewestProvenVersionOfEachDayAndTheRowsOnlyTheLakeHolds() throws Exception {
        LakeCopies before = copies();
        manifest(DAYS.get(0), 1, "VALIDATED", 100, 10, null, "a", false);
        manifest(DAYS.get(0), 2, "PURGED", 300, 30, null, "b", false);
        TestDatabase.exec("UPDATE export_manifest SET purged_at = now() WHERE table_name = 'agent_tasks' AND day = ? AND version = 2", DAYS.get(0));
        manifest(DAYS.get(1), 1, "VALIDATED", 50, 5, null, "c", false);
        manifest(DAYS.get(1), 2, "EXPORTING", 70, 7, null, null, false);
        LakeCopies after = copies();

        assertThat(after.days() - before.days()).isEqualTo(2);
        assertThat(after.rows() - before.rows()).isEqualTo(35);
        assertThat(after.bytes() - before.bytes()).isEqualTo(350);
        assertThat(after.lakeOnlyRows() - before.lakeOnlyRows()).isEqualTo(30);
    }

    @Test
    void measuresEveryPartitionOfAHotTableAndItsLiveRows() throws Exception {
        PostgresTable before = facts.postgresTables(List.of("agent_tasks")).get(0);
        UUID agent = UUID.randomUUID();
        try (Connection c = TestDatabase.connect()) {
            var first = DAYS.get(2).atTime(9, 0).toInstant(ZoneOffset.UTC);
            TestDatabase.completedTasks(c, TestDatabase.agentWithWorkflow(c, agent, "footprint-" + agent, first), agent, "fp", first,
                    Duration.ofSeconds(5), 2_000);
        }
        // A session reports its statistics up to a minute after its commits.
        PostgresTable after = facts.postgresTables(List.of("agent_tasks")).get(0);
        for (int wait = 0; wait < 900 && after.rows() - before.rows() < 2_000; wait++) {
            Thread.sleep(100);
            after = facts.postgresTables(List.of("agent_tasks")).get(0);
        }
        long partition = TestDatabase.count("SELECT pg_total_relation_size(p.relid) FROM pg_partition_tree('agent_tasks') p "
                + "JOIN pg_class c ON c.oid = p.relid WHERE p.isleaf AND c.relname LIKE '%20190503%'");

        assertThat(after.rows() - before.rows()).as("live rows").isEqualTo(2_000);
        assertThat(after.bytes() - before.bytes()).isPositive().isLessThanOrEqualTo(partition);
        assertThat(facts.postgresTables(List.of("agent_tasks", "user_sessions"))).extracting(PostgresTable::table)
                .containsExactly("agent_tasks", "user_sessions");
    }

    private LakeCopies copies() {
        return facts.currentCopies().stream().filter(c -> c.table().equals("agent_tasks")).findFirst()
                .orElse(new LakeCopies("agent_tasks", 0, 0, 0, 0));
    }

    private static long[] delta(List<LakeObjects> before, List<LakeObjects> after, StorageClass storageClass) {
        long[] b = sum(before, storageClass);
        long[] a = sum(after, storageClass);
        return new long[]{a[0] - b[0], a[1] - b[1]};
    }

    private static long[] sum(List<LakeObjects> objects, StorageClass storageClass) {
        return objects.stream().filter(o -> o.table().equals("agent_tasks") && o.storageClass() == storageClass)
                .map(o -> new long[]{o.objects(), o.bytes()}).findFirst().orElse(new long[2]);
    }

    private static void manifest(LocalDate day, int version, String status, long bytes, long rows, String storageClass, String key,
                                 boolean removed) throws Exception {
        TestDatabase.exec("INSERT INTO export_manifest (table_name, day, version, status, row_count, bytes, storage_class, object_key, "
                + "removed_at, created_at, updated_at) VALUES ('agent_tasks', ?, ?, ?, ?, ?, ?, ?, " + (removed ? "now()" : "NULL")
                + ", now(), now())", day, version, status, rows, bytes, storageClass, key);
    }
}
