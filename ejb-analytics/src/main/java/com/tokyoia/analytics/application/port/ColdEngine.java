package com.tokyoia.analytics.application.port;

import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.PartialSink;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A query engine over the lake. Synchronous from the caller's view; engines that execute
 * asynchronously (Athena, Trino) poll inside and report what they scanned when they know it. Any
 * failure of the engine is a {@link ColdEngineException} carrying its reason.
 */
public interface ColdEngine {
    /**
     * What a scan cost: the bytes the engine says it read, its own query id and execution time (each
     * null when the engine does not say). The partials went to the sink.
     */
    record ColdAnswer(Long bytesScanned, String engine, String engineQueryId, Long engineMillis) {
        public ColdAnswer(Long bytesScanned, String engine) {
            this(bytesScanned, engine, null, null);
        }
    }

    /** Streams the partials of the days into the sink as the engine's results are read. */
    ColdAnswer partials(AnalyticsQuery query, List<DayPlan.ColdDay> days, Map<String, String> filters, PartialSink sink);

    /**
     * The same, for a scan an operator allowed over the per-query limit ({@code override=true}):
     * engines with a separate, higher limit for such scans (Athena's admin workgroup) use it.
     */
    default ColdAnswer partialsOverLimit(AnalyticsQuery query, List<DayPlan.ColdDay> days, Map<String, String> filters,
                                         PartialSink sink) {
        return partials(query, days, filters, sink);
    }

    String name();

    /** Whether the engine answers, without a paid scan: what answered (engine and version), or an exception saying why not. */
    String probe() throws SQLException;
}
