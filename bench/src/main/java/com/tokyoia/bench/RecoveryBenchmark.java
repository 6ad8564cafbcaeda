package com.tokyoia.bench;

import com.tokyoia.etl.application.recovery.DayReimport;
import com.tokyoia.etl.infrastructure.lock.PostgresExportLocks;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.reimport.PostgresHotDayLoader;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.persistence.migration.SchemaMigration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The runbook's recovery figures: DAYS days of ROWS agent_tasks rows each, exported to a local lake
 * with the real ETL; then the hot data lost (every day's partition dropped, the manifest kept) and
 * put back from the lake by the re-import, timed. Backup and restore of the same database are
 * timed by bench/run-recovery.sh around this program (pg_dump and pg_restore, as ./tokyo-ia runs
 * them). Usage: RecoveryBenchmark prepare|reimport DAYS ROWS LAKE_DIR
 */
public final class RecoveryBenchmark {
    static final LocalDate FIRST = LocalDate.of(2024, 3, 1);
    static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;

    private RecoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int days = Integer.parseInt(args[1]);
        long rows = Long.parseLong(args[2]);
        Path lake = Path.of(args[3]);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(System.getenv().getOrDefault("TOKYOIA_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_bench"));
        ds.setUser(System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER", "postgres"));
        ds.setPassword(System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER_PASSWORD", "postgres"));
        ds.setPrepareThreshold(-1);
        SchemaMigration.migrate(ds);
        Clock clock = BenchWiring.clockAt(FIRST.plusDays(days + 1));
        List<LocalDate> range = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            range.add(FIRST.plusDays(i));
        }
        if (mode.equals("prepare")) {
            prepare(ds, range, rows, lake, clock);
        } else {
            reimport(ds, range, lake, clock);
        }
    }

    private static void prepare(PGSimpleDataSource ds, List<LocalDate> range, long rows, Path lake, Clock clock) throws Exception {
        long generated = 0;
        long t = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            AgentTaskGenerator.ensureAgentsAndWorkflows(c);
            for (LocalDate day : range) {
                exec(c, "SELECT tokyoia_ensure_day_partition('agent_tasks', '" + day + "')");
                if (count(c, "SELECT count(*) FROM agent_tasks WHERE created_at >= '" + day + "' AND created_at < '" + day.plusDays(1)
                        + "'") != rows) {
                    exec(c, "DELETE FROM agent_tasks WHERE created_at >= '" + day + "' AND created_at < '" + day.plusDays(1) + "'");
                    exec(c, "DELETE FROM export_manifest WHERE table_name = 'agent_tasks' AND day = '" + day + "'");
                    AgentTaskGenerator.generate(c, day, rows);
                    generated += rows;
                }
            }
        }
        System.out.printf("hot data: %d days x %,d rows (%,d generated now) in %.1f s%n", range.size(), rows, generated,
                (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        Path work = Files.createTempDirectory("recovery-bench-work");
        var exporter = BenchWiring.exporter(ds, new LocalDirectoryStore(lake), work, clock);
        for (LocalDate day : range) {
            exporter.export(TASKS, day, -1, false);
        }
        System.out.printf("export to the lake (proven days skipped): %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    private static void reimport(PGSimpleDataSource ds, List<LocalDate> range, Path lake, Clock clock) throws Exception {
        long t = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            for (LocalDate day : range) {
                // The hot data lost: the day's partition gone, the manifest (and the lake) kept.
                exec(c, "DROP TABLE IF EXISTS agent_tasks_p" + day.toString().replace("-", ""));
            }
        }
        System.out.printf("hot data dropped (%d partitions) in %.1f s%n", range.size(), (System.nanoTime() - t) / 1e9);
        Path work = Files.createTempDirectory("recovery-bench-reimport");
        DayReimport reimport = new DayReimport(new JdbcManifest(ds, clock), new LocalDirectoryStore(lake), new ParquetFiles(),
                new PostgresHotDayLoader(ds, clock), new PostgresExportLocks(ds), work);
        long total = 0;
        t = System.nanoTime();
        for (LocalDate day : range) {
            long d = System.nanoTime();
            long rows = reimport.reimport(TASKS, day);
            total += rows;
            System.out.printf("  %s: %,d rows in %.1f s%n", day, rows, (System.nanoTime() - d) / 1e9);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("re-import from the lake: %,d rows in %.1f s (%,.0f rows/s), each day proven by its checksum%n", total,
                seconds, total / seconds);
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
