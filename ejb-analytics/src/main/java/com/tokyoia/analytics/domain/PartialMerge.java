package com.tokyoia.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds partial rows from any tier into one answer as the engines stream them: rows with the same
 * key (the day, for per-day queries, and the dimensions) have their measures summed. Sums of
 * integers and decimals are exact, so the result does not depend on which tier answered which day.
 * A histogram dimension is not part of the key: each group counts its buckets in a
 * {@link BucketHistogram}, which the row carries under the dimension's name for the query's
 * finishing step. The merged state is bounded: past {@code maxBytes} (estimated) the merge stops
 * with an {@link AnswerTooLargeException}, so a question too large for the server is refused
 * instead of running it out of memory.
 */
public final class PartialMerge implements PartialSink {
    /** Estimated heap of one merged group (its key, row map and decimals) and of one histogram bucket. */
    static final long GROUP_BYTES = 768;
    static final long BUCKET_BYTES = 32;

    private final AnalyticsQuery query;
    private final HistogramDimension histogram;
    private final long maxBytes;
    private final Map<List<Object>, Map<String, Object>> groups = new TreeMap<>(PartialMerge::compareKeys);
    private long buckets;

    public PartialMerge(AnalyticsQuery query, long maxBytes) {
        this.query = query;
        this.histogram = query.histogram();
        this.maxBytes = maxBytes;
    }

    /** The merged rows of the partials, without a bound (tests, tools, and a question's sample row). */
    public static List<Map<String, Object>> merge(AnalyticsQuery query, List<Map<String, Object>> partials) {
        PartialMerge merge = new PartialMerge(query, Long.MAX_VALUE);
        partials.forEach(merge::accept);
        return merge.rows();
    }

    @Override
    public void accept(Map<String, Object> partial) {
        List<Object> key = new ArrayList<>(query.dims().size() + 1);
        if (query.perDay()) {
            key.add(partial.get("day"));
        }
        for (Dimension dimension : query.dims()) {
            if (histogram == null || !dimension.name().equals(histogram.bucket())) {
                key.add(partial.get(dimension.name()));
            }
        }
        Map<String, Object> row = groups.get(key);
        if (row == null) {
            row = group(partial);
            groups.put(key, row);
            refuseOverBound();
        }
        for (Measure measure : query.measures()) {
            row.merge(measure.name(), partial.get(measure.name()), switch (measure.merge()) {
                case SUM -> PartialMerge::add;
                case MIN -> (a, b) -> ((BigDecimal) a).min((BigDecimal) b);
                case MAX -> (a, b) -> ((BigDecimal) a).max((BigDecimal) b);
            });
        }
        if (histogram != null) {
            long bucket = ((BigDecimal) partial.get(histogram.bucket())).longValueExact();
            long count = ((BigDecimal) partial.get(histogram.count())).longValueExact();
            if (((BucketHistogram) row.get(histogram.bucket())).add(bucket, count)) {
                buckets++;
                refuseOverBound();
            }
        }
    }

    /** The merged rows in key order. */
    public List<Map<String, Object>> rows() {
        return new ArrayList<>(groups.values());
    }

    /** What the merged state is estimated to take. */
    public long estimatedBytes() {
        return groups.size() * GROUP_BYTES + buckets * BUCKET_BYTES;
    }

    private Map<String, Object> group(Map<String, Object> partial) {
        Map<String, Object> fresh = new LinkedHashMap<>();
        if (query.perDay()) {
            fresh.put("day", partial.get("day").toString());
        }
        for (Dimension dimension : query.dims()) {
            boolean buckets = histogram != null && dimension.name().equals(histogram.bucket());
            fresh.put(dimension.name(), buckets ? new BucketHistogram() : partial.get(dimension.name()));
        }
        // A sum starts at zero; a minimum or maximum is its first value (Map.merge puts it in place of null).
        query.measures().forEach(m -> fresh.put(m.name(), m.merge() == Measure.Merge.SUM ? BigDecimal.ZERO : null));
        return fresh;
    }

    private static Object add(Object a, Object b) {
        return ((BigDecimal) a).add((BigDecimal) b);
    }

    private void refuseOverBound() {
        if (estimatedBytes() > maxBytes) {
            throw new AnswerTooLargeException(query.name() + " over this range has more than " + groups.size() + " groups"
                    + (histogram == null ? "" : " and " + buckets + " histogram buckets") + ", over the " + (maxBytes >> 20)
                    + " MiB one answer may take (tokyoia.analytics.max-answer-mb)");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? -1 : 1;
                }
                continue;
            }
            int c = x instanceof LocalDate || x instanceof BigDecimal ? ((Comparable) x).compareTo(y)
                    : x.toString().compareTo(y.toString());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
