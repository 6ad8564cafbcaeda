package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.ColdEngineException;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.Expr.Dialect;
import com.tokyoia.analytics.domain.PartialSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The single-machine cold engine: DuckDB embedded, reading the local lake's Parquet files directly.
 * It reads exactly the files of the cold days (their keys come from the manifest), so pruning is
 * exact; the hive partition columns give each row's day. Filter values are bound parameters.
 */
public final class DuckDbEngine implements ColdEngine, AutoCloseable {
    private final Path lakeRoot;
    private final DuckDBConnection database;
    private final int queryTimeoutSeconds;

    /** With {@link DuckDbSettings#DEFAULTS} (tools and tests). */
    public DuckDbEngine(Path lakeRoot) throws SQLException {
        this(lakeRoot, DuckDbSettings.DEFAULTS);
    }

    public DuckDbEngine(Path lakeRoot, DuckDbSettings settings) throws SQLException {
        this.lakeRoot = lakeRoot.toAbsolutePath().normalize();
        this.queryTimeoutSeconds = settings.queryTimeoutSeconds();
        Properties config = new Properties();
        config.setProperty("memory_limit", settings.memoryLimitMib() + "MiB");
        config.setProperty("threads", String.valueOf(settings.threads()));
        // The driver is called directly: inside the server, DriverManager does not see deployment drivers.
        this.database = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", config);
    }

    @Override
    public ColdAnswer partials(AnalyticsQuery query, List<DayPlan.ColdDay> days, Map<String, String> filters, PartialSink sink) {
        if (days.isEmpty()) {
            return new ColdAnswer(0L, name());
        }
        String files = days.stream().map(d -> {
            Path file = lakeRoot.resolve(d.objectKey()).normalize();
            if (!file.startsWith(lakeRoot) || !Files.isRegularFile(file)) {
                throw new ColdEngineException(name(), null, "the lake file of " + d.day() + " is missing: " + d.objectKey());
            }
            return "'" + file.toString().replace("'", "''") + "'";
        }).collect(Collectors.joining(", ", "[", "]"));
        String sql = PartialQueries.sql(query, Dialect.DUCKDB, "read_parquet(" + files + ", hive_partitioning = true)",
                "make_date(CAST(year AS INTEGER), CAST(month AS INTEGER), CAST(day AS INTEGER))", null, filters);
        run(query.name(), sql, ps -> {
            PartialQueries.bindFilters(ps, 1, filters);
            PartialQueries.read(query, ps, sink);
        });
        return new ColdAnswer(null, name());
    }

    /** What runs one prepared query and reads its rows. */
    @FunctionalInterface
    interface StatementWork {
        void run(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs one query on its own connection to the embedded database, cancelled by DuckDB after the
     * configured timeout (its driver's own cancel: the scan stops, the server thread is freed).
     */
    void run(String question, String sql, StatementWork work) {
        long started = System.nanoTime();
        try (Connection c = database.duplicate(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            work.run(ps);
        } catch (SQLException e) {
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            if (seconds >= queryTimeoutSeconds && e.getMessage() != null && e.getMessage().contains("Interrupt")) {
                throw new ColdEngineException(name(), null, "DuckDB stopped " + question + " after " + seconds + " s, its query timeout "
                        + "(tokyoia.analytics.duckdb.query-timeout-seconds = " + queryTimeoutSeconds + "): narrow the range or filter it");
            }
            throw new ColdEngineException(name(), null, "DuckDB could not answer " + question + ": " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String probe() throws SQLException {
        try (Connection c = database.duplicate(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT version(), current_setting('memory_limit'), current_setting('threads')")) {
            rs.next();
            return "DuckDB " + rs.getString(1) + " in process (memory limit " + rs.getString(2) + ", " + rs.getString(3) + " threads)";
        }
    }

    @Override
    public void close() throws SQLException {
        database.close();
    }
}
