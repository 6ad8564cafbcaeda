package com.tokyoia.bench;

import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.infrastructure.extract.DayExtractor;
import com.tokyoia.etl.infrastructure.extract.OutsideServerThreads;
import com.tokyoia.etl.infrastructure.extract.PipelinedExtract;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.etl.infrastructure.store.S3ObjectStore;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.infrastructure.config.S3Settings;
import com.tokyoia.persistence.migration.SchemaMigration;
import com.tokyoia.platform.time.SystemTime;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.ParseException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Export of one day of agent_tasks, measured against PostgreSQL's own COPY of the same rows, with
 * the CPU each side spends per phase (this JVM, PostgreSQL's processes, the S3 server's process),
 * so the ratio on more cores can be projected from measurements:
 * (a) COPY (SELECT ...) TO STDOUT (FORMAT binary) into a null sink;
 * (1) the export's extract alone (COPY, decode, tuple digest, content checksum) into a null sink;
 * (2) extract + Parquet encoding (Snappy, SHA-256 of the file) on two threads, to a local file;
 * (3) the read-back proof of that file (every value re-encoded into PostgreSQL's binary form);
 * (b) the export end to end (extract, Parquet, proof, upload to S3Proxy, stored copy verified,
 *     manifest), and again with PostgreSQL's SQL checksum as well (the deep proof);
 * (c) the pipeline a user would script instead: COPY ... TO a CSV file, DuckDB read_csv, DuckDB's
 *     Parquet writer (Snappy), through JDBC.
 * Prints rows/s, the ratios b/a and b/c, Parquet bytes / pg_total_relation_size of the day's
 * partition, and the peak heap of the export. With BENCH_JFR=file.jfr, (b) is recorded by JFR.
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
                st.execute("VACUUM ANALYZE " + partition);
                st.execute("CHECKPOINT"); // PostgreSQL's CPU is measured over all its processes: background work done first
            }
        }

        String columns = table.columns().stream().map(col -> col.name()).collect(Collectors.joining(", "));
        String where = " FROM agent_tasks WHERE created_at >= '" + day + " 00:00:00+00' AND created_at < '" + day.plusDays(1)
                + " 00:00:00+00'";
        String copy = "COPY (SELECT " + columns + where + ") TO STDOUT (FORMAT binary)";
        Path work = Files.createTempDirectory("tokyoia-bench-");
        Process s3proxy = startS3Proxy(work);
        Cpu cpu = new Cpu(s3proxy.pid());
        try {
            Phase copyPhase = null;
            for (int i = 0; i < 2; i++) {
                try (Connection c = ds.getConnection()) {
                    Phase p = cpu.measure(() -> ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI()
                            .copyOut(copy, OutputStream.nullOutputStream()));
                    copyPhase = copyPhase == null || p.wall < copyPhase.wall ? p : copyPhase;
                }
            }

            DayExtractor extractor = new DayExtractor(ds, OutsideServerThreads.POOL, false);
            Phase extractPhase = cpu.measure(() -> extractor.extract(table, day, row -> { }));
            Path local = work.resolve("phase.parquet");
            Phase parquetPhase = cpu.measure(() -> {
                try (DayParquetWriter writer = new DayParquetWriter(table, day.toString(), local, ParquetLayout.snappy(64L * 1024 * 1024))) {
                    PipelinedExtract.run(extractor, table, day, writer, OutsideServerThreads.POOL);
                }
            });
            Phase proofPhase = cpu.measure(() -> new ParquetFiles().tupleDigest(table, local));
            Files.delete(local);

            try (S3ObjectStore store = S3ObjectStore.anonymous(new S3Settings("bench", "lake", Optional.of("us-east-1"),
                    Optional.of(URI.create("http://127.0.0.1:" + S3_PORT)), true, Optional.empty(), Optional.empty(), 64L * 1024 * 1024,
                    16L * 1024 * 1024))) {
                DayExporter exporter = BenchWiring.exporter(ds, store, work, SystemTime.clock());
                System.gc();
                HeapPeaks.reset();
                DayExportResult[] result = new DayExportResult[1];
                Recording jfr = startJfr();
                Phase exportPhase = cpu.measure(() -> result[0] = exporter.export(table, day, -1, true));
                stopJfr(jfr);
                long peakHeap = HeapPeaks.bytes();
                ParquetLayout snappy = ParquetLayout.snappy(64L * 1024 * 1024);
                Phase deepPhase = cpu.measure(() -> BenchWiring.exporter(ds, store, work, SystemTime.clock(), true, snappy)
                        .export(table, day, -1, true));
                // The other layouts the configuration offers: each one's time and size.
                List<ParquetLayout> layouts = List.of(new ParquetLayout(snappy.rowGroupBytes(), ParquetLayout.Codec.SNAPPY, true),
                        new ParquetLayout(snappy.rowGroupBytes(), ParquetLayout.Codec.ZSTD, false),
                        new ParquetLayout(snappy.rowGroupBytes(), ParquetLayout.Codec.ZSTD, true));
                List<Phase> layoutPhases = new ArrayList<>();
                List<Long> layoutBytes = new ArrayList<>();
                for (ParquetLayout layout : layouts) {
                    DayExportResult[] r = new DayExportResult[1];
                    layoutPhases.add(cpu.measure(() -> r[0] = BenchWiring.exporter(ds, store, work, SystemTime.clock(), false, layout)
                            .export(table, day, -1, true)));
                    layoutBytes.add(r[0].bytes());
                }
                // The default once more, last: the layouts above ran with the JIT warmer than (b) did.
                Phase againPhase = cpu.measure(() -> BenchWiring.exporter(ds, store, work, SystemTime.clock())
                        .export(table, day, -1, true));
                // Two COPYs over two ranges of the day's pages in one snapshot, each range encoded on its own thread.
                DayExportResult[] ranged = new DayExportResult[1];
                Phase rangesPhase = cpu.measure(() -> ranged[0] = BenchWiring.exporter(ds, store, work, SystemTime.clock(), false, snappy, 2)
                        .export(table, day, -1, true));
                long[] duckBytes = new long[1];
                Phase csvPhase = cpu.measure(() -> {
                    try (Connection c = ds.getConnection(); OutputStream csv = Files.newOutputStream(work.resolve("day.csv"))) {
                        ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI()
                                .copyOut("COPY (SELECT " + columns + where + ") TO STDOUT (FORMAT csv)", csv);
                    }
                });
                Phase duckPhase = cpu.measure(() -> {
                    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
                        st.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
                        st.execute("COPY (SELECT * FROM read_csv('" + work.resolve("day.csv") + "', header = false)) TO '"
                                + work.resolve("duck.parquet") + "' (FORMAT parquet, COMPRESSION snappy)");
                    }
                    duckBytes[0] = Files.size(work.resolve("duck.parquet"));
                    Files.delete(work.resolve("day.csv"));
                    Files.delete(work.resolve("duck.parquet"));
                });
                Phase userPhase = csvPhase.plus(duckPhase);
                long pgBytes;
                try (Connection c = ds.getConnection()) {
                    pgBytes = count(c, "SELECT pg_total_relation_size('" + partition + "')");
                }
                double m = rows / 1e6;
                System.out.println();
                System.out.printf("rows                                              %,d (%s, %d cores)%n", result[0].rows(), day,
                        Runtime.getRuntime().availableProcessors());
                System.out.println("phase                                           wall s       rows/s   CPU s per 1M rows: JVM / PostgreSQL / S3 server");
                copyPhase.print("(a) COPY binary to a null sink", rows);
                extractPhase.print("(1) extract: COPY, decode, digest, checksum", rows);
                parquetPhase.print("(2) extract + Parquet (Snappy, SHA-256), local", rows);
                proofPhase.print("(3) read-back proof of that file", rows);
                exportPhase.print("(b) export end to end (S3, proven, recorded)", rows);
                deepPhase.print("    the same with the SQL checksum (deep proof)", rows);
                for (int i = 0; i < layouts.size(); i++) {
                    layoutPhases.get(i).print(String.format("    %s: %,d bytes, %.1f %%", layouts.get(i).toString().replace(", row groups 64 MiB", ""),
                            layoutBytes.get(i), 100.0 * layoutBytes.get(i) / pgBytes), rows);
                }
                againPhase.print("(b') the default again, last (JIT warm)", rows);
                rangesPhase.print(String.format("(b2) 2 COPY ranges, JIT warm: %,d bytes", ranged[0].bytes()), rows);
                csvPhase.print("    user's pipeline: COPY to CSV", rows);
                duckPhase.print("    user's pipeline: DuckDB CSV -> Parquet", rows);
                userPhase.print("(c) user's pipeline, total", rows);
                System.out.printf("ratio b/a (b'/a)                                  %.2f (%.2f)%n", copyPhase.wall / exportPhase.wall,
                        copyPhase.wall / againPhase.wall);
                System.out.printf("ratio b2/a, 2 ranges (b2/b', against 1 range warm)     %.2f (%.2f)%n", copyPhase.wall / rangesPhase.wall,
                        againPhase.wall / rangesPhase.wall);
                System.out.printf("ratio b/c (b'/c), export vs the user's pipeline   %.2f (%.2f)%n", userPhase.wall / exportPhase.wall,
                        userPhase.wall / againPhase.wall);
                System.out.printf("Parquet bytes (export / DuckDB's)                 %,d / %,d%n", result[0].bytes(), duckBytes[0]);
                System.out.printf("pg_total_relation_size(%s)        %,d%n", partition, pgBytes);
                System.out.printf("Parquet / PostgreSQL                              %.1f %%%n", 100.0 * result[0].bytes() / pgBytes);
                System.out.printf("stage CPU per 1M rows (s): PostgreSQL COPY %.2f; decode+digest+checksum %.2f; encode+compress+SHA-256 %.2f;"
                        + " read-back proof %.2f; upload+verify (JVM %.2f, S3 server %.2f)%n",
                        copyPhase.pgCpu / m, (extractPhase.jvmCpu - copyPhase.jvmCpu) / m, (parquetPhase.jvmCpu - extractPhase.jvmCpu) / m,
                        proofPhase.jvmCpu / m, (exportPhase.jvmCpu - parquetPhase.jvmCpu - proofPhase.jvmCpu) / m, exportPhase.s3Cpu / m);
                double totalCpu = exportPhase.jvmCpu + exportPhase.pgCpu + exportPhase.s3Cpu;
                System.out.printf("projection (not measured): with N cores the export needs max(%.2f s of the single COPY, %.2f s of CPU / N)"
                        + " per 1M rows; COPY alone %.2f s%n", exportPhase.pgCpu / m, totalCpu / m, copyPhase.wall / m);
                System.out.printf("heap pools, sum of peaks (upper bound) %,d MB (-Xmx %,d MB)%n", peakHeap / (1024 * 1024),
                        Runtime.getRuntime().maxMemory() / (1024 * 1024));
            }
        } finally {
            s3proxy.destroy();
            s3proxy.waitFor();
        }
    }

    private static Recording startJfr() {
        String file = System.getenv("BENCH_JFR");
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setDestination(Path.of(file));
            recording.start();
            return recording;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stopJfr(Recording recording) {
        if (recording != null) {
            recording.stop();
            recording.close();
            System.out.println("JFR recording of (b): " + System.getenv("BENCH_JFR"));
        }
    }

    /** Something measured. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Wall time and CPU seconds of one phase: this JVM, PostgreSQL's processes, the S3 server. */
    record Phase(double wall, double jvmCpu, double pgCpu, double s3Cpu) {
        Phase plus(Phase other) {
            return new Phase(wall + other.wall, jvmCpu + other.jvmCpu, pgCpu + other.pgCpu, s3Cpu + other.s3Cpu);
        }

        void print(String name, long rows) {
            double m = rows / 1e6;
            System.out.printf("%-47s %7.2f %,12.0f   %6.2f / %6.2f / %6.2f%n", name, wall, rows / wall, jvmCpu / m, pgCpu / m, s3Cpu / m);
        }
    }

    /**
     * CPU time from /proc: this JVM's own counter; PostgreSQL's as every live postgres process plus
     * what the postmaster has reaped from backends that ended (their time moves to its cutime/cstime).
     */
    static final class Cpu {
        private final long s3Pid;

        Cpu(long s3Pid) {
            this.s3Pid = s3Pid;
        }

        Phase measure(Work work) throws Exception {
            double jvm = jvm();
            double pg = postgres();
            double s3 = process(s3Pid);
            long t = System.nanoTime();
            work.run();
            double wall = (System.nanoTime() - t) / 1e9;
            return new Phase(wall, jvm() - jvm, postgres() - pg, process(s3Pid) - s3);
        }

        private static double jvm() {
            return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        }

        private static double postgres() throws IOException {
            double sum = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs.filter(q -> q.getFileName().toString().matches("\\d+"))::iterator) {
                    Optional<ProcStat> stat = ProcStat.read(p);
                    if (stat.isPresent() && stat.get().command().equals("postgres")) {
                        sum += stat.get().withReapedChildrenSeconds();
                    }
                }
            }
            return sum;
        }

        private static double process(long pid) throws IOException {
            return ProcStat.of(pid).map(ProcStat::ownSeconds).orElse(0.0);
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



    private static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
