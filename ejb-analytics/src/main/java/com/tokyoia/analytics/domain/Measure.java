package com.tokyoia.analytics.domain;

/**
 * An aggregate of a partial and how partials of the same group merge. {@link #sum} measures add up
 * across days and tiers, so they merge exactly; {@link #min} and {@link #max} merge as such, which is
 * exact for per-day queries (a day is answered by one tier; its partial rows differ only in a
 * histogram bucket). Other aggregates (distinct counts) are only valid in per-day queries whose
 * groups come as one partial row.
 */
public record Measure(String name, Expr aggregate, Merge merge) {
    public enum Merge { SUM, MIN, MAX }

    /** Merged as a sum. */
    public Measure(String name, Expr aggregate) {
        this(name, aggregate, Merge.SUM);
    }

    public static Measure sum(String name, Expr value) {
        return new Measure(name, value.wrap("sum(", ")"));
    }

    public static Measure sum(String name, String value) {
        return sum(name, Expr.same(value));
    }

    public static Measure count(String name) {
        return new Measure(name, Expr.same("count(*)"));
    }

    public static Measure min(String name, Expr value) {
        return new Measure(name, value.wrap("min(", ")"), Merge.MIN);
    }

    public static Measure max(String name, Expr value) {
        return new Measure(name, value.wrap("max(", ")"), Merge.MAX);
    }
}
