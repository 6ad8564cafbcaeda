package com.tokyoia.analytics.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * Where each day of a request is answered: hot days (inside the hot window) by PostgreSQL, cold
 * days (older, with a proven export) by the cold engine. Missing days (older, never exported) are
 * reported in the answer; archived days (in a storage class engines cannot read) and unreachable
 * days (proven, but in a store or catalog the configured engine does not read) refuse the query, and
 * so do damaged days (a check found their stored object other than the proven one).
 */
public record DayPlan(List<LocalDate> hotDays, List<ColdDay> coldDays, List<LocalDate> missingDays,
                      List<LocalDate> archivedDays, List<UnreachableDay> unreachableDays, List<DamagedDay> damagedDays) {

    public DayPlan(List<LocalDate> hotDays, List<ColdDay> coldDays, List<LocalDate> missingDays, List<LocalDate> archivedDays) {
        this(hotDays, coldDays, missingDays, archivedDays, List.of(), List.of());
    }

    public DayPlan(List<LocalDate> hotDays, List<ColdDay> coldDays, List<LocalDate> missingDays, List<LocalDate> archivedDays,
                   List<UnreachableDay> unreachableDays) {
        this(hotDays, coldDays, missingDays, archivedDays, unreachableDays, List.of());
    }

    /** A day whose stored copy a check found damaged, the version it checked and what it found. */
    public record DamagedDay(LocalDate day, int version, String damage) {
    }

    /** A proven day the engine cannot reach, and why. */
    public record UnreachableDay(LocalDate day, String reason) {
    }

    /** A cold day with the manifest facts the engine, the quote and the cache key need. */
    public record ColdDay(LocalDate day, int version, String objectKey, String columnSizes, Long bytes, String sha256) {
    }
}
