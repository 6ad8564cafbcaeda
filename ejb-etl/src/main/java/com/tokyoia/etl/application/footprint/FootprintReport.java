package com.tokyoia.etl.application.footprint;

import com.tokyoia.etl.application.alerting.PartitionLagCondition;
import com.tokyoia.etl.application.port.AlertFacts;
import com.tokyoia.etl.application.port.EtlMetrics;
import com.tokyoia.etl.application.port.FootprintFacts;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where each table takes room now (PostgreSQL, the lake by storage class), how far its lake copy
 * lags, and the monthly cost estimate from those figures. Each report also sets the storage
 * gauges, so the meters and the dashboard show the same numbers.
 */
public final class FootprintReport {
    private final FootprintFacts facts;
    private final AlertFacts figures;
    private final CostModel model;
    private final EtlMetrics metrics;
    private final Clock clock;

    /** The report: when it was taken, per table, the database's whole size, and the monthly estimate. */
    public record Footprint(Instant at, List<TableFootprint> tables, long postgresDatabaseBytes, MonthlyCostEstimate monthly) {
    }

    public FootprintReport(FootprintFacts facts, AlertFacts figures, CostModel model, EtlMetrics metrics, Clock clock) {
        this.facts = facts;
        this.figures = figures;
        this.model = model;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Footprint now() {
        Instant now = clock.instant();
        List<String> names = LakeSchemaRegistry.tables().stream().map(LakeTable::name).toList();
        Map<String, PostgresTable> postgres = facts.postgresTables(names).stream()
                .collect(Collectors.toMap(PostgresTable::table, Function.identity()));
        Map<String, List<LakeObjects>> objects = facts.lakeObjects().stream().collect(Collectors.groupingBy(LakeObjects::table));
        Map<String, LakeCopies> copies = facts.currentCopies().stream().collect(Collectors.toMap(LakeCopies::table, Function.identity()));
        Map<String, LocalDate> newest = figures.newestProvenDays();
        List<TableFootprint> tables = new ArrayList<>();
        for (String name : names) {
            PostgresTable hot = postgres.getOrDefault(name, new PostgresTable(name, 0, 0));
            LakeCopies cold = copies.getOrDefault(name, new LakeCopies(name, 0, 0, 0, 0));
            LocalDate newestDay = newest.get(name);
            tables.add(new TableFootprint(name, hot.bytes(), hot.rows(), cold.days(), cold.rows(), cold.bytes(), cold.lakeOnlyRows(),
                    ratio(hot, cold), newestDay, newestDay == null ? null : PartitionLagCondition.lagDays(newestDay, now),
                    List.copyOf(objects.getOrDefault(name, List.of()))));
        }
        long database = figures.postgresBytes();
        BigDecimal scans = figures.analyticsCost(now.minus(Duration.ofDays(30)), now);
        Footprint footprint = new Footprint(now, List.copyOf(tables), database, MonthlyCostEstimate.of(tables, database, scans, model));
        metrics.footprint(footprint.tables());
        return footprint;
    }

    private static Double ratio(PostgresTable hot, LakeCopies cold) {
        if (hot.rows() == 0 || cold.rows() == 0 || cold.bytes() == 0) {
            return null;
        }
        double ratio = ((double) hot.bytes() / hot.rows()) / ((double) cold.bytes() / cold.rows());
        return Math.round(ratio * 10) / 10.0;
    }
}
