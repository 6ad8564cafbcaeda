package com.tokyoia.persistence.partition;

import jakarta.ejb.ApplicationException;
import java.time.LocalDate;

/**
 * A write or an export for a day that retention removed from PostgreSQL: the day lives in the lake
 * only; a late row for it would land where no export reads it again, and a new export would
 * replace the lake's copy with nothing, so both are refused.
 */
@ApplicationException
public class DayPurgedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String table;
    private final LocalDate day;

    public DayPurgedException(String table, LocalDate day) {
        this(table, day, "late data for that day is refused");
    }

    /** {@code consequence}: what is refused because of it. */
    public DayPurgedException(String table, LocalDate day, String consequence) {
        super(table + " of " + day + " was moved to the lake and removed from PostgreSQL by retention; " + consequence);
        this.table = table;
        this.day = day;
    }

    public String table() {
        return table;
    }

    public LocalDate day() {
        return day;
    }
}
