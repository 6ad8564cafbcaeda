package com.tokyoia.web.interfaces.rest.dto;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What answering a question would take, before anything runs: which days PostgreSQL answers,
 * which the lake does (and what scanning them costs), which are missing or archived, the lake
 * columns the cold part reads, and the days whose lake copy a check found damaged (the question
 * is refused until they are whole again).
 */
@Schema(requiredProperties = {"query", "hotDays", "coldDays", "missingDays", "archivedDays", "quotedBytes", "quotedUsd", "columns",
    "damagedDays"})
public record AnalyticsQuote(String query, List<LocalDate> hotDays, List<LocalDate> coldDays, List<LocalDate> missingDays,
                             List<LocalDate> archivedDays, long quotedBytes, BigDecimal quotedUsd, List<String> columns,
                             List<LocalDate> damagedDays) {
}
