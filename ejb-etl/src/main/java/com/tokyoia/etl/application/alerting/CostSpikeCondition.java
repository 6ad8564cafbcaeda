package com.tokyoia.etl.application.alerting;

import com.tokyoia.etl.application.port.AlertFacts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The last hour of analytics cost above its hard limit, or above a multiple of the trailing hourly
 * average (and above a floor, so a few cents after a quiet day are not a spike).
 */
public final class CostSpikeCondition implements AlertCondition {
    public static final String SUBJECT = "analytics";
    private final AlertFacts facts;
    private final AlertSettings settings;

    public CostSpikeCondition(AlertFacts facts, AlertSettings settings) {
        this.facts = facts;
        this.settings = settings;
    }

    @Override
    public AlertKind kind() {
        return AlertKind.COST_SPIKE;
    }

    @Override
    public List<Finding> check(Instant now) {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        BigDecimal lastHour = facts.analyticsCost(hourAgo, now);
        BigDecimal average = facts.analyticsCost(hourAgo.minus(Duration.ofHours(settings.costTrailingHours())), hourAgo)
                .divide(BigDecimal.valueOf(settings.costTrailingHours()), 6, RoundingMode.HALF_UP);
        boolean overLimit = settings.costHourlyLimitUsd().signum() > 0 && lastHour.compareTo(settings.costHourlyLimitUsd()) > 0;
        boolean spike = lastHour.compareTo(settings.costFloorUsd()) > 0
                && lastHour.compareTo(average.multiply(settings.costMultiple())) > 0;
        if (!overLimit && !spike) {
            return List.of();
        }
        String why = overLimit ? "above the hourly limit of $" + plain(settings.costHourlyLimitUsd())
                : settings.costMultiple().stripTrailingZeros().toPlainString() + " times the trailing " + settings.costTrailingHours()
                        + " h average of $" + plain(average) + " per hour";
        return List.of(new Finding(kind(), SUBJECT, "Analytics spent $" + plain(lastHour) + " in the last hour, " + why + ".",
                "See which queries cost most (GET /api/costs, the dashboard's Costs panel); cold scans stop at "
                        + "tokyoia.analytics.daily-budget-usd. Lower it, or ask the heavy users to narrow their ranges.",
                Map.of("lastHourUsd", plain(lastHour), "trailingAverageUsd", plain(average),
                        "hourlyLimitUsd", plain(settings.costHourlyLimitUsd()))));
    }

    private static String plain(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
