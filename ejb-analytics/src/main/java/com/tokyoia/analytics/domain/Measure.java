package com.tokyoia.analytics.domain;

/**
 * An aggregate of a per-day partial. {@link #sum} measures add up across days and tiers, so they
 * merge exactly; other aggregates (distinct counts) are only valid in per-day queries.
 */
public record Measure(String name, Expr aggregate) {
    public static Measure sum(String name, Expr value) {
        return new Measure(name, value.wrap("sum(", ")"));
    }

    public static Measure sum(String name, String value) {
        return sum(name, Expr.same(value));
    }

    public static Measure count(String name) {
        return new Measure(name, Expr.same("count(*)"));
    }
}
