package com.tokyoia.analytics.application.port;

import com.tokyoia.analytics.domain.AnalyticsQuery;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Per-day partials of the days PostgreSQL holds (the hot window). */
public interface HotPartials {
    /** The partials of the contiguous days [first, last]. */
    List<Map<String, Object>> partials(AnalyticsQuery query, LocalDate first, LocalDate last, Map<String, String> filters)
            throws SQLException;

    /** When the hot rows of [first, last] last changed: part of the cache key of answers with hot days. */
    String watermark(AnalyticsQuery query, LocalDate first, LocalDate last) throws SQLException;
}
