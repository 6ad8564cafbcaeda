package com.tokyoia.analytics.infrastructure.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.domain.Expr;
import com.tokyoia.analytics.domain.Expr.Dialect;
import com.tokyoia.analytics.domain.ValueBuckets;
import com.tokyoia.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;

/**
 * The metric value buckets on PostgreSQL and DuckDB against an independent reference written here,
 * for values on, just above and just below every bucket edge (one ulp), zero of both signs,
 * negatives and values past the clamp. Trino's text is checked by the catalog equality tests of
 * the Trino tier (integration-tests).
 */
class ValueBucketsEnginesTest {
    private static final Expr THOUSANDTHS = ValueBuckets.thousandths("metric_value");
    private static final Expr BUCKET = ValueBuckets.bucketOf("metric_value");

    static List<Double> values() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 0.0005, -0.0005, 0.0015, 0.1, 0.7, -0.7, 1e300, -1e300, 1e-300,
                -1e-300, 123456.789, -987654.321, 8.999e12, 9e12, 9.5e12, -9.5e12));
        for (double edge = 0.001; edge <= 1e14; edge *= 10) {
            for (double value : new double[]{edge, Math.nextUp(edge), Math.nextDown(edge), edge * 1.5, edge * 9.99}) {
                values.add(value);
                values.add(-value);
            }
        }
        return values;
    }

    /** The reference: thousandths floored and clamped, then exact below 1000, else three significant digits toward zero. */
    static long thousandths(double value) {
        return (long) Math.floor(Math.max(Math.min(value * 1000, 9e15), -9e15));
    }

    static long bucket(double value) {
        long n = thousandths(value);
        return n < 0 ? -magnitude(-n) : magnitude(n);
    }

    private static long magnitude(long n) {
        long step = 1;
        while (n >= 1000 * step) {
            step *= 10;
        }
        return n / step * step;
    }

    @Test
    void referenceKeepsThreeSignificantDigits() {
        assertThat(bucket(0.9999)).as("exact below 1").isEqualTo(999);
        assertThat(bucket(1.2345)).isEqualTo(1230);
        assertThat(bucket(12.3456)).isEqualTo(12300);
        assertThat(bucket(-12.3456)).isEqualTo(-12300);
        assertThat(bucket(98765.4321)).isEqualTo(98_700_000);
        assertThat(bucket(1e300)).as("clamped").isEqualTo(9_000_000_000_000_000L);
    }

    @Test
    void postgresAndDuckDbBucketEveryEdgeValueAsTheReference() throws Exception {
        try (Connection postgres = TestDatabase.connect();
             Connection duck = new DuckDBDriver().connect("jdbc:duckdb:", new Properties())) {
            check(postgres, Dialect.POSTGRES, "SELECT %s, %s FROM (SELECT CAST(? AS double precision) AS metric_value) v");
            check(duck, Dialect.DUCKDB, "SELECT %s, %s FROM (SELECT CAST(? AS DOUBLE) AS metric_value) v");
        }
    }

    private static void check(Connection c, Dialect dialect, String template) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(template.formatted(THOUSANDTHS.in(dialect), BUCKET.in(dialect)))) {
            for (double value : values()) {
                ps.setDouble(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(dialect + " thousandths of " + value).isEqualTo(thousandths(value));
                    assertThat(rs.getLong(2)).as(dialect + " bucket of " + value).isEqualTo(bucket(value));
                }
            }
        }
    }
}
