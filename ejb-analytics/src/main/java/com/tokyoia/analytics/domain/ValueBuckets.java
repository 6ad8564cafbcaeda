package com.tokyoia.analytics.domain;

/**
 * Buckets of metric values (doubles) that every engine computes identically, because only the
 * first step touches a double: the value times 1000, floored (IEEE multiplication and floor give the
 * same result everywhere; rounding would not: PostgreSQL rounds half to even, the others half away
 * from zero), clamped to ±9e15 and cast to a whole number of thousandths. From there it is integer
 * arithmetic: exact below 1 (1000 thousandths), then three significant digits, so a bucket is at most
 * 1% of its value wide; a negative value's bucket mirrors its magnitude's. A bucket is named by the
 * end nearer zero.
 */
public final class ValueBuckets {
    private static final long CLAMP = 9_000_000_000_000_000L;

    private ValueBuckets() {
    }

    /** The value in thousandths, floored and clamped: what the metric measures sum and compare. */
    public static Expr thousandths(String column) {
        return new Expr(thousandths(column, "9e15::double precision"), thousandths(column, "CAST(9e15 AS DOUBLE)"),
                thousandths(column, "9e15"));
    }

    private static String thousandths(String column, String clamp) {
        return "CAST(floor(greatest(least(" + column + " * 1000, " + clamp + "), -" + clamp + ")) AS BIGINT)";
    }

    public static Expr bucketOf(String column) {
        Expr value = thousandths(column);
        return new Expr(signed(value.postgres(), "/"), signed(value.duckdb(), "//"), signed(value.trino(), "/"));
    }

    private static String signed(String value, String divide) {
        return "CASE WHEN " + value + " < 0 THEN -(" + magnitude("(-" + value + ")", divide) + ") ELSE " + magnitude(value, divide) + " END";
    }

    /** Three significant digits of a non-negative whole number, by integer division. */
    private static String magnitude(String n, String divide) {
        StringBuilder sql = new StringBuilder("CASE WHEN " + n + " < 1000 THEN " + n);
        long step = 1;
        for (long limit = 10_000; limit / 10 <= CLAMP; limit *= 10) {
            step *= 10;
            sql.append(" WHEN ").append(n).append(" < ").append(limit).append(" THEN (").append(n).append(' ').append(divide)
                    .append(' ').append(step).append(") * ").append(step);
        }
        return sql.append(" END").toString();
    }
}
