package com.tokyoia.analytics.domain;

/**
 * A dimension whose values are histogram buckets ({@code bucket}) counted by a measure
 * ({@code count}): merged into one {@link BucketHistogram} per group instead of a row per bucket.
 */
public record HistogramDimension(String bucket, String count) {
}
