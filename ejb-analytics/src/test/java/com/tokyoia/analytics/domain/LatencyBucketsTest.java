package com.tokyoia.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bucket expression evaluated by a real engine (embedded DuckDB) at every bucket edge. */
class LatencyBucketsTest {
    private static final List<Integer> EDGES = List.of(0, 1, 999, 1000, 1009, 1010, 9999, 10_000, 10_099, 10_100, 99_999,
            100_000, 100_999, 101_000, 12_399, 1_234_567);

    /** The buckets the documentation promises: exact below 1 s, then 10 ms, 100 ms and 1 s wide. */
    private static long expected(int ms) {
        if (ms < 1000) {
            return ms;
        }
        if (ms < 10_000) {
            return ms / 10 * 10L;
        }
        if (ms < 100_000) {
            return ms / 100 * 100L;
        }
        return ms / 1000 * 1000L;
    }

    @Test
    void everyEdgeFallsInTheDocumentedBucket() throws SQLException {
        String values = EDGES.stream().map(v -> "(" + v + ")").collect(Collectors.joining(", "));
        String sql = "SELECT latency_ms, " + LatencyBuckets.bucketOf("latency_ms").in(Expr.Dialect.DUCKDB)
                + " FROM (VALUES " + values + ") t(latency_ms) ORDER BY 1";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int rows = 0;
            while (rs.next()) {
                assertThat(rs.getLong(2)).as("bucket of " + rs.getInt(1) + " ms").isEqualTo(expected(rs.getInt(1)));
                rows++;
            }
            assertThat(rows).isEqualTo(EDGES.size());
        }
    }

    @Test
    void trinoSpellsTheBucketsWithIntegerDivision() {
        assertThat(LatencyBuckets.bucketOf("latency_ms").in(Expr.Dialect.TRINO)).doesNotContain("/ 10.0").contains("latency_ms / 10 * 10");
    }
}
