package com.tokyoia.analytics.domain;

import com.tokyoia.persistence.lake.LakeTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A named analytics query. It is computed as per-day partial results on either side (hot or cold):
 * {@code SELECT day, dims..., measures... WHERE condition GROUP BY day, dims}; the partials are
 * added up across days and tiers ({@link PartialMerge}) and {@code finish} derives the published
 * columns (rates, averages, percentiles) from the sums. Measures are sums, except per-day queries,
 * where any aggregate is allowed (a day is answered by one tier only, so its value is kept as is).
 * {@code columns} lists every column of the table the query reads, for the cost quote.
 */
public record AnalyticsQuery(String name, String description, LakeTable table, boolean perDay, List<Dimension> dims,
                             List<Measure> measures, Expr condition, List<Filter> filters, List<String> columns,
                             Function<List<Map<String, Object>>, List<Map<String, Object>>> finish) {

    public Optional<Filter> filter(String name) {
        return filters.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
