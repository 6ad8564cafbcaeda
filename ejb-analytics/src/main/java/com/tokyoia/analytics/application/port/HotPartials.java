package com.tokyoia.analytics.application.port;

import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.PartialSink;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

/** Partials of the days PostgreSQL holds (the hot window). */
public interface HotPartials {
    /** Streams the partials of the contiguous days [first, last] into the sink. */
    void partials(AnalyticsQuery query, LocalDate first, LocalDate last, Map<String, String> filters, PartialSink sink)
            throws SQLException;

    /** When the hot rows of [first, last] last changed: part of the cache key of answers with hot days. */
    String watermark(AnalyticsQuery query, LocalDate first, LocalDate last) throws SQLException;
}
