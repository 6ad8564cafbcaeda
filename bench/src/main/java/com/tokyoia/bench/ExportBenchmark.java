package com.tokyoia.bench;

import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.infrastructure.extract.DayExtractor;
import com.tokyoia.etl.infrastructure.extract.PipelinedExtract;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter;
import com.tokyoia.etl.infrastructure.store.S3ObjectStore;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.config.S3Settings;
import com.tokyoia.persistence.migration.SchemaMigration;
import com.tokyoia.platform.time.SystemTime;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Export of one day of agent_tasks, measured against PostgreSQL's own COPY of the same rows.
 * Prints: (a) COPY (SELECT ...) TO STDOUT (FORMAT binary) into a null sink, rows/s; the phases of
 * the export (extract only, extract + Parquet) and (b) the full export (extract, Parquet, upload to
 * S3Proxy, validate), rows/s; the ratio b/a; Parquet bytes / pg_total_relation_size of the day's
 * partition; peak heap of the export.
 *
 * Usage: ExportBenchmark ROWS [DAY]
 */
public final class ExportBenchmark {
    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        LocalDate day = args.length > 1 ? LocalDate.parse(args[1]) : LocalDate.of(2024, 1, 15);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(System.getenv().getOrDefault("TOKYOIA_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_bench"));
        ds.setUser(System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER", "postgres"));
        ds.setPassword(System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER_PASSWORD", "postgres"));
        ds.setPrepareThreshold(-1); // binary transfer, as the server's ETL datasource is configured
        SchemaMigration.migrate(ds);
        LakeTable table = LakeSchemaRegistry.AGENT_TASKS;
        String partition = "agent_tasks_p" + day.toString().replace("-", "");

        try (Connection c = ds.getConnection()) {
            AgentTaskGenerator.ensureAgentsAndWorkflows(c);
            if (count(c, "SELECT count(*) FROM agent_tasks WHERE created_at >= '" + day + "' AND created_at < '" + day.plusDays(1) + "'") != rows) {
                long t = System.nanoTime();
                System.out.printf("generating %,d agent_tasks rows for %s ...%n", rows, day);
                AgentTaskGenerator.generate(c, day, rows);
                System.out.printf("  generated in %.1f s%n", (System.nanoTime() - t) / 1e9);
            }
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM export_manifest WHERE table_name = 'agent_tasks' AND day = '" + day + "'");
            }
        }

        String columns = table.columns().stream().map(col -> col.name()).collect(Collectors.joining(", "));
        String copy = "COPY (SELECT " + columns + " FROM agent_tasks WHERE created_at >= '" + day + "' AND created_at < '"
                + day.plusDays(1) + "') TO STDOUT (FORMAT binary)";
        double copySeconds = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            try (Connection c = ds.getConnection()) {
                long t = System.nanoTime();
                ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyOut(copy, OutputStream.nullOutputStream());
                copySeconds = Math.min(copySeconds, (System.nanoTime() - t) / 1e9);
            }
        }

        Path work = Files.createTempDirectory("tokyoia-bench-");
        DayExtractor extractor = new DayExtractor(ds, ForkJoinPool.commonPool());
        long t = System.nanoTime();
        extractor.extract(table, day, row -> { });
        double extractSeconds = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        Path local = work.resolve("phase.parquet");
        try (DayParquetWriter writer = new DayParquetWriter(table, day.toString(), local, 64L * 1024 * 1024)) {
            PipelinedExtract.run(extractor, table, day, writer, ForkJoinPool.commonPool());
        }
        double parquetSeconds = (System.nanoTime() - t) / 1e9;
        Files.delete(local);

        Process s3proxy = startS3Proxy(work);
        try (S3ObjectStore store = S3ObjectStore.anonymous(new S3Settings("bench", "lake", Optional.of("us-east-1"),
                Optional.of(URI.create("http://127.0.0.1:" + S3_PORT)), true, Optional.empty(), Optional.empty(), 64L * 1024 * 1024,
                16L * 1024 * 1024))) {
            DayExporter exporter = BenchWiring.exporter(ds, store, work, SystemTime.clock());
            System.gc();
            resetPeakHeap();
            t = System.nanoTime();
            DayExportResult result = exporter.export(table, day, -1, true);
            double exportSeconds = (System.nanoTime() - t) / 1e9;
            long peakHeap = peakHeap();
            long pgBytes;
            try (Connection c = ds.getConnection()) {
                pgBytes = count(c, "SELECT pg_total_relation_size('" + partition + "')");
            }
            System.out.println();
            System.out.printf("rows                                  %,d%n", result.rows());
            System.out.printf("(a) COPY binary to null sink          %6.2f s  %,12.0f rows/s%n", copySeconds, rows / copySeconds);
            System.out.printf("    extract only (snapshot, cursor)   %6.2f s  %,12.0f rows/s%n", extractSeconds, rows / extractSeconds);
            System.out.printf("    extract + Parquet, pipelined       %6.2f s  %,12.0f rows/s%n", parquetSeconds, rows / parquetSeconds);
            System.out.printf("(b) export end to end (S3, validated) %6.2f s  %,12.0f rows/s%n", exportSeconds, rows / exportSeconds);
            System.out.printf("ratio b/a                             %.2f%n", copySeconds / exportSeconds);
            System.out.printf("Parquet bytes                         %,d%n", result.bytes());
            System.out.printf("pg_total_relation_size(%s) %,d%n", partition, pgBytes);
            System.out.printf("Parquet / PostgreSQL                  %.1f %%%n", 100.0 * result.bytes() / pgBytes);
            System.out.printf("heap pools, sum of peaks (upper bound) %,d MB (-Xmx %,d MB)%n", peakHeap / (1024 * 1024),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        } finally {
            s3proxy.destroy();
            s3proxy.waitFor();
        }
    }

    static final int S3_PORT = 18765;

    private static Process startS3Proxy(Path work) throws Exception {
        Path conf = work.resolve("s3proxy.conf");
        Files.createDirectories(work.resolve("s3"));
        Files.writeString(conf, "s3proxy.endpoint=http://127.0.0.1:" + S3_PORT + "\ns3proxy.authorization=none\n"
                + "s3proxy.ignore-unknown-headers=true\njclouds.provider=filesystem\njclouds.filesystem.basedir=" + work.resolve("s3") + "\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("s3proxy.jar", "bench/target/s3proxy/s3proxy.jar"), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("s3proxy.log").toFile()).start();
        for (int i = 0; i < 300; i++) {
            try (Socket ignored = new Socket("127.0.0.1", S3_PORT)) {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + S3_PORT + "/bench"))
                        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                return p;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("S3Proxy did not start");
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
