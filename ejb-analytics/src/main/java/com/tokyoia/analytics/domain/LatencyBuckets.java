package com.tokyoia.analytics.domain;

/**
 * Fixed latency buckets, identical on every engine because they use only integer-valued
 * arithmetic: exact below 1 s, 10 ms wide to 10 s, 100 ms to 100 s, 1 s above. A bucket is named
 * by its lower bound; a percentile read from merged bucket counts is that lower bound, so it is at
 * most one bucket width (at most 1% of the value) below the exact percentile, and the same on
 * PostgreSQL, DuckDB, Trino and Athena.
 */
public final class LatencyBuckets {
    private LatencyBuckets() {
    }

    public static Expr bucketOf(String column) {
        String sql = "CAST(CASE WHEN " + column + " < 1000 THEN " + column
                + " WHEN " + column + " < 10000 THEN floor(" + column + " / 10.0) * 10"
                + " WHEN " + column + " < 100000 THEN floor(" + column + " / 100.0) * 100"
                + " ELSE floor(" + column + " / 1000.0) * 1000 END AS BIGINT)";
        return Expr.same(sql);
    }
}
