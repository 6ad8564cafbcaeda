package com.tokyoia.etl.application.retention;

import java.time.LocalDate;

/**
 * What retention did, or would do, with one table's day, and why. {@code copyDamaged}: held because
 * the stored copy is not the proven one (announced as the copy's own incident, not as a hold).
 */
public record RetentionVerdict(String table, LocalDate day, Outcome outcome, long rows, Integer version, String reason,
                               boolean copyDamaged) {

    public RetentionVerdict(String table, LocalDate day, Outcome outcome, long rows, Integer version, String reason) {
        this(table, day, outcome, rows, version, reason, false);
    }

    public enum Outcome {
        /** Removed from PostgreSQL now; the lake copy is the only one. */
        PURGED,
        /** A dry run: every check holds, it would be removed. */
        WOULD_PURGE,
        /** Stays in PostgreSQL; {@code reason} says why. */
        HELD,
        /** Removed before; what an interrupted purge left behind was deleted now. */
        ALREADY_PURGED
    }

    static RetentionVerdict held(String table, LocalDate day, Integer version, String reason) {
        return new RetentionVerdict(table, day, Outcome.HELD, 0, version, reason, false);
    }

    static RetentionVerdict heldForDamage(String table, LocalDate day, Integer version, String damage) {
        return new RetentionVerdict(table, day, Outcome.HELD, 0, version, damage, true);
    }
}
