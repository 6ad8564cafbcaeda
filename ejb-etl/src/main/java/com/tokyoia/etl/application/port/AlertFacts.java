package com.tokyoia.etl.application.port;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** The figures the periodic alerts look at. Reading them costs no engine query: only PostgreSQL's own tables. */
public interface AlertFacts {
    /** Dollars the analytics queries logged in [from, to) cost (cold scans; hot and cached answers cost nothing). */
    BigDecimal analyticsCost(Instant from, Instant to);

    /** Per lake table, the newest day with a proven copy; tables never exported are absent. */
    Map<String, LocalDate> newestProvenDays();

    /** Bytes of every lake file the manifest still counts on (current versions and replaced ones not yet deleted). */
    long lakeBytes();

    /** Bytes of the PostgreSQL database, indexes and TOAST included. */
    long postgresBytes();
}
