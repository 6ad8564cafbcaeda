package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.ColdEngineException;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.PartialSink;
import com.tokyoia.lake.infrastructure.trino.TrinoConnector;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoResultSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The self-hosted cold engine: Trino over the lake's Hive catalog (JDBC, bound parameters). It runs
 * the same SQL Athena would ({@link LakeSql}) and reports the bytes Trino read from storage, its
 * query id and its execution time, so quotes can be compared with what really happened.
 */
public final class TrinoEngine implements ColdEngine {
    private final TrinoConnector trino;
    private final Duration timeout;

    /** {@code timeout}: a query still running then is cancelled on Trino and reported as failed. */
    public TrinoEngine(TrinoConnector trino, Duration timeout) {
        this.trino = trino;
        this.timeout = timeout;
    }

    @Override
    public ColdAnswer partials(AnalyticsQuery query, List<DayPlan.ColdDay> days, Map<String, String> filters, PartialSink sink) {
        if (days.isEmpty()) {
            return new ColdAnswer(0L, name());
        }
        LakeSql statement = LakeSql.partials(query, days, filters);
        try (Connection c = trino.connect(); PreparedStatement ps = c.prepareStatement(statement.sql())) {
            ps.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            for (int i = 0; i < statement.values().size(); i++) {
                ps.setString(i + 1, statement.values().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                PartialQueries.read(query, rs, sink);
                // Final once every row is read: the query has finished.
                QueryStats stats = rs.unwrap(TrinoResultSet.class).getStats();
                return new ColdAnswer(stats.getPhysicalInputBytes(), name(), stats.getQueryId(), stats.getElapsedTimeMillis());
            }
        } catch (SQLException e) {
            // Trino unreachable or the query failed there: the request was fine, the engine behind it was not.
            throw new ColdEngineException(name(), null, "Trino could not answer " + query.name() + ": " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return "trino";
    }

    /** The server's version (JDBC metadata): free on a self-hosted cluster, and it reads no lake data. */
    @Override
    public String probe() throws SQLException {
        try (Connection c = trino.connect()) {
            return "Trino " + c.getMetaData().getDatabaseProductVersion() + " at " + trino.settings().url();
        }
    }
}
