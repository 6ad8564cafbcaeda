package com.tokyoia.analytics.domain;

import com.tokyoia.lake.domain.schema.LakeTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A named analytics query. It is computed as per-day partial results on either side (hot or cold):
 * {@code SELECT day, dims..., measures... WHERE condition GROUP BY day, dims}; the partials are
 * added up across days and tiers ({@link PartialMerge}) and {@code finish} derives the published
 * columns (rates, averages, percentiles) from the sums. Measures are sums, except per-day queries,
 * where any aggregate is allowed (a day is answered by one tier only, so its value is kept as is).
 * {@code columns} lists the columns of the table the query reads without filters; a filter adds
 * its own column ({@link #columnsRead}), and the cost quote counts exactly those. Queries that are
 * not per day are summed over the whole range in each engine (one group per dimension values, not
 * per day and dimension values). A {@code histogram} dimension (null: none) is merged into one
 * {@link BucketHistogram} per group.
 */
public record AnalyticsQuery(String name, String description, LakeTable table, boolean perDay, List<Dimension> dims,
                             List<Measure> measures, Expr condition, List<Filter> filters, List<String> columns,
                             Function<List<Map<String, Object>>, List<Map<String, Object>>> finish, HistogramDimension histogram) {
    private static final Map<AnalyticsQuery, List<String>> RESULT_COLUMNS = new ConcurrentHashMap<>();

    /** Without a histogram dimension: every dimension is part of a group's key. */
    public AnalyticsQuery(String name, String description, LakeTable table, boolean perDay, List<Dimension> dims,
                          List<Measure> measures, Expr condition, List<Filter> filters, List<String> columns,
                          Function<List<Map<String, Object>>, List<Map<String, Object>>> finish) {
        this(name, description, table, perDay, dims, measures, condition, filters, columns, finish, null);
    }

    public Optional<Filter> filter(String name) {
        return filters.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * The columns of every answer row, in order: found by finishing one sample partial row with
     * this question's own finishing step, so they are never written down a second time (the
     * OpenAPI document and the catalog list them; AnalyticsTest checks real answers have them).
     */
    public List<String> resultColumns() {
        // Asked on every request (its order, its page, the catalog): worked out once per question.
        return RESULT_COLUMNS.computeIfAbsent(this, AnalyticsQuery::sampleColumns);
    }

    private List<String> sampleColumns() {
        Map<String, Object> sample = new LinkedHashMap<>();
        if (perDay) {
            sample.put("day", BigDecimal.ONE);
        }
        dims.forEach(dimension -> sample.put(dimension.name(), BigDecimal.ONE));
        measures.forEach(measure -> sample.put(measure.name(), BigDecimal.ONE));
        return List.copyOf(finish.apply(PartialMerge.merge(this, List.of(sample))).get(0).keySet());
    }

    /** The columns an engine reads for a request with the given filters. */
    public List<String> columnsRead(Collection<String> givenFilters) {
        List<String> read = new ArrayList<>(columns);
        for (String name : givenFilters) {
            filter(name).map(Filter::column).filter(c -> !read.contains(c)).ifPresent(read::add);
        }
        return read;
    }
}
