package com.tokyoia.analytics.domain;

import java.util.Arrays;

/**
 * Counts per bucket of one group, in two primitive arrays (open addressing): about 32 bytes a bucket
 * where a partial row per bucket took hundreds. Buckets are named by their lower bound
 * ({@link LatencyBuckets}, {@link ValueBuckets}); a percentile is the lower bound of the first bucket whose cumulative
 * count reaches {@code ceil(p * total)}.
 */
public final class BucketHistogram {
    private long[] buckets = new long[8];
    private long[] counts = new long[8];
    private int size;
    private long total;

    /** Adds {@code count} to the bucket; true when the bucket was not counted before. */
    public boolean add(long bucket, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a bucket count cannot be negative: " + count);
        }
        if (count == 0) {
            return false;
        }
        if ((size + 1) * 2 > buckets.length) {
            grow();
        }
        int slot = slot(bucket);
        total += count;
        if (counts[slot] == 0) {
            buckets[slot] = bucket;
            counts[slot] = count;
            size++;
            return true;
        }
        counts[slot] += count;
        return false;
    }

    public long total() {
        return total;
    }

    public int size() {
        return size;
    }

    /** The percentiles asked for (each 0 to 1), read in one pass over the buckets in ascending order. */
    public long[] percentiles(double... ps) {
        long[] ordered = new long[size];
        int n = 0;
        for (int i = 0; i < buckets.length; i++) {
            if (counts[i] != 0) {
                ordered[n++] = buckets[i];
            }
        }
        Arrays.sort(ordered);
        // Each bucket's count is looked up once; every percentile then reads the running totals.
        long[] cumulative = new long[n];
        long seen = 0;
        for (int i = 0; i < n; i++) {
            seen += counts[slot(ordered[i])];
            cumulative[i] = seen;
        }
        long[] answers = new long[ps.length];
        for (int p = 0; p < ps.length; p++) {
            long target = (long) Math.ceil(ps[p] * total);
            int first = 0;
            while (first < n && cumulative[first] < target) {
                first++;
            }
            answers[p] = n == 0 ? 0 : ordered[Math.min(first, n - 1)];
        }
        return answers;
    }

    private int slot(long bucket) {
        int mask = buckets.length - 1;
        long mixed = bucket * 0x9E3779B97F4A7C15L;
        int slot = (int) (mixed ^ (mixed >>> 32)) & mask;
        while (counts[slot] != 0 && buckets[slot] != bucket) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldBuckets = buckets;
        long[] oldCounts = counts;
        buckets = new long[oldBuckets.length * 2];
        counts = new long[oldCounts.length * 2];
        for (int i = 0; i < oldBuckets.length; i++) {
            if (oldCounts[i] != 0) {
                int slot = slot(oldBuckets[i]);
                buckets[slot] = oldBuckets[i];
                counts[slot] = oldCounts[i];
            }
        }
    }
}
