package com.tokyoia.etl.application.alerting;

import com.tokyoia.etl.application.port.AlertFacts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table whose newest proven lake day is more than the allowed number of days behind yesterday
 * (UTC, the export's day): the nightly export has stopped for it. Tables never exported are not
 * lagging; their first export failing is an ETL failure.
 */
public final class PartitionLagCondition implements AlertCondition {
    private final AlertFacts facts;
    private final int maxLagDays;

    public PartitionLagCondition(AlertFacts facts, int maxLagDays) {
        this.facts = facts;
        this.maxLagDays = maxLagDays;
    }

    @Override
    public AlertKind kind() {
        return AlertKind.PARTITION_LAG;
    }

    @Override
    public List<Finding> check(Instant now) {
        LocalDate yesterday = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
        List<Finding> findings = new ArrayList<>();
        new TreeMap<>(facts.newestProvenDays()).forEach((table, newest) -> {
            long lag = lagDays(newest, now);
            if (lag > maxLagDays) {
                findings.add(new Finding(kind(), table, table + ": the newest proven lake day is " + newest + ", " + lag
                        + " days behind " + yesterday + " (allowed " + maxLagDays + ").",
                        "Look for failed runs (GET /api/etl/runs, the dashboard's ETL panel), fix their cause, then POST "
                                + "/api/etl/backfill {\"from\":\"" + newest.plusDays(1) + "\",\"to\":\"" + yesterday + "\",\"tables\":[\""
                                + table + "\"]}.",
                        Map.of("table", table, "newestProvenDay", newest.toString(), "lagDays", String.valueOf(lag),
                                "allowedDays", String.valueOf(maxLagDays))));
            }
        });
        return findings;
    }

    /** Days from a table's newest proven day to yesterday (UTC), the newest day the nightly export can have done. */
    public static long lagDays(LocalDate newestProven, Instant now) {
        return ChronoUnit.DAYS.between(newestProven, LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1));
    }
}
