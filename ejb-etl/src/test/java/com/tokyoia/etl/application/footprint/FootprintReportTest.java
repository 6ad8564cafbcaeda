package com.tokyoia.etl.application.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.tokyoia.etl.application.port.AlertFacts;
import com.tokyoia.etl.application.port.EtlMetrics;
import com.tokyoia.etl.application.port.FootprintFacts;
import com.tokyoia.lake.domain.lifecycle.StorageClass;
import com.tokyoia.lake.domain.lifecycle.StoragePrices;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The footprint's arithmetic on figures chosen so every result can be checked by hand. */
class FootprintReportTest {
    static final long GIB = 1L << 30;
    static final Instant NOW = Instant.parse("2026-03-10T23:59:00Z");
    static final CostModel PRICES = new CostModel(new BigDecimal("50"), new BigDecimal("0.115"), new BigDecimal("1"),
            new StoragePrices(new BigDecimal("0.023"), new BigDecimal("0.004"), new BigDecimal("0.0036"), new BigDecimal("0.00099")));

    final List<List<TableFootprint>> gauged = new ArrayList<>();

    @Test
    void pricesEveryPlaceTheDataTakesRoomAndWhatPostgresAloneWouldCost() {
        FootprintReport.Footprint footprint = report(2 * GIB).now();

        TableFootprint tasks = footprint.tables().stream().filter(t -> t.table().equals("agent_tasks")).findFirst().orElseThrow();
        // 400 bytes a row in PostgreSQL, 50 in the lake.
        assertThat(tasks.compressionRatio()).isEqualTo(8.0);
        assertThat(tasks.lagDays()).as("newest proven 2026-03-06, yesterday 2026-03-09").isEqualTo(3);
        assertThat(tasks.storedLakeBytes()).isEqualTo(GIB + 3 * GIB);
        TableFootprint sessions = footprint.tables().stream().filter(t -> t.table().equals("user_sessions")).findFirst().orElseThrow();
        assertThat(sessions.compressionRatio()).as("never exported").isNull();
        assertThat(sessions.lagDays()).isNull();

        assertThat(footprint.monthly().lines()).extracting(MonthlyCostEstimate.Line::item, l -> l.usd().toPlainString()).containsExactly(
                tuple("PostgreSQL instance", "50.0000"),
                tuple("PostgreSQL storage", "0.2300"),
                tuple("Lake storage, STANDARD", "0.0230"),
                tuple("Lake storage, GLACIER_IR", "0.0120"),
                tuple("Lake storage, LOCAL", "0.0460"),
                tuple("Cold scans", "1.2500"),
                tuple("Data transfer", "1.0000"));
        assertThat(footprint.monthly().totalUsd()).isEqualByComparingTo("52.5610");
        // The 10,737,418 lake-only task rows at 400 bytes are 4 GiB more PostgreSQL: 6 GiB at $0.115.
        assertThat(footprint.monthly().allInPostgresUsd()).isEqualByComparingTo("51.6900");
        assertThat(gauged).as("the gauges are set from the same report").containsExactly(footprint.tables());
    }

    @Test
    void aTableWithoutRowsInPostgresHasNoRatioAndAddsNothingToTheAllInPostgresFigure() {
        FootprintFacts empty = new FootprintFacts() {
            @Override
            public List<PostgresTable> postgresTables(List<String> tables) {
                return List.of();
            }

            @Override
            public List<LakeObjects> lakeObjects() {
                return List.of(new LakeObjects("agent_tasks", StorageClass.STANDARD, 1, GIB));
            }

            @Override
            public List<LakeCopies> currentCopies() {
                return List.of(new LakeCopies("agent_tasks", 1, 1000, GIB, 1000));
            }
        };
        FootprintReport.Footprint footprint = new FootprintReport(empty, figures(GIB), PRICES, EtlMetrics.NONE,
                Clock.fixed(NOW, ZoneOffset.UTC)).now();
        assertThat(footprint.tables()).allSatisfy(t -> assertThat(t.compressionRatio()).isNull());
        assertThat(footprint.monthly().allInPostgresUsd()).isEqualByComparingTo("51.1150");
    }

    private FootprintReport report(long databaseBytes) {
        FootprintFacts facts = new FootprintFacts() {
            @Override
            public List<PostgresTable> postgresTables(List<String> tables) {
                return List.of(new PostgresTable("agent_tasks", 400L * 1_000_000, 1_000_000), new PostgresTable("user_sessions", 8192, 10));
            }

            @Override
            public List<LakeObjects> lakeObjects() {
                return List.of(new LakeObjects("agent_tasks", StorageClass.STANDARD, 10, GIB),
                        new LakeObjects("agent_tasks", StorageClass.GLACIER_IR, 30, 3 * GIB),
                        new LakeObjects("agent_metrics", StorageClass.LOCAL, 5, 2 * GIB));
            }

            @Override
            public List<LakeCopies> currentCopies() {
                return List.of(new LakeCopies("agent_tasks", 40, 2_000_000, 100_000_000, 10_737_418));
            }
        };
        return new FootprintReport(facts, figures(databaseBytes), PRICES, new EtlMetrics() {
            @Override
            public void exported(String table, long rows, long bytes, long millis) {
            }

            @Override
            public void failed(String table) {
            }

            @Override
            public void footprint(List<TableFootprint> tables) {
                gauged.add(tables);
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static AlertFacts figures(long databaseBytes) {
        return new AlertFacts() {
            @Override
            public BigDecimal analyticsCost(Instant from, Instant to) {
                assertThat(to).isEqualTo(NOW);
                assertThat(from).isEqualTo(NOW.minusSeconds(30L * 86_400));
                return new BigDecimal("1.25");
            }

            @Override
            public Map<String, LocalDate> newestProvenDays() {
                return Map.of("agent_tasks", LocalDate.of(2026, 3, 6));
            }

            @Override
            public long lakeBytes() {
                throw new AssertionError("not asked");
            }

            @Override
            public long postgresBytes() {
                return databaseBytes;
            }
        };
    }
}
