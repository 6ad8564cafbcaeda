package com.tokyoia.analytics.domain;

/** A grouping column of the result (besides the day, which every partial carries). */
public record Dimension(String name, Expr value) {
}
