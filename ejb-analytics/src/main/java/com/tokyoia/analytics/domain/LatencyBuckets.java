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
        // DuckDB's "/" divides in floating point; Trino divides decimals with rounding (12399 / 100.0
        // is 124.0 at scale 1), so Trino gets integer division, exact for the non-negative values here.
        String floored = bucket(column, "floor(" + column + " / 10.0) * 10", "floor(" + column + " / 100.0) * 100",
                "floor(" + column + " / 1000.0) * 1000");
        return new Expr(floored, floored, bucket(column, column + " / 10 * 10", column + " / 100 * 100", column + " / 1000 * 1000"));
    }

    private static String bucket(String column, String tens, String hundreds, String thousands) {
        return "CAST(CASE WHEN " + column + " < 1000 THEN " + column + " WHEN " + column + " < 10000 THEN " + tens
                + " WHEN " + column + " < 100000 THEN " + hundreds + " ELSE " + thousands + " END AS BIGINT)";
    }
}
