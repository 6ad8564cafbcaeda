package com.tokyoia.bench;

import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.PartialSink;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A cold engine that remembers how long its last scan took, its results streamed into the merge
 * included: subtracted from the same call's time through the service, what is left is the
 * router's own work in that very call (plan, quote, budget, cache key, finish, sort, query log),
 * without comparing two runs that the machine's noise sets apart by more than that work.
 */
final class TimedColdEngine implements ColdEngine {
    private final ColdEngine engine;
    private long lastNanos;

    TimedColdEngine(ColdEngine engine) {
        this.engine = engine;
    }

    long lastNanos() {
        return lastNanos;
    }

    @Override
    public ColdAnswer partials(AnalyticsQuery query, List<DayPlan.ColdDay> days, Map<String, String> filters, PartialSink sink) {
        long started = System.nanoTime();
        try {
            return engine.partials(query, days, filters, sink);
        } finally {
            lastNanos = System.nanoTime() - started;
        }
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public String probe() throws SQLException {
        return engine.probe();
    }
}
