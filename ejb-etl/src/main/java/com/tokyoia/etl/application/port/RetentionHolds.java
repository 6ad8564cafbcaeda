package com.tokyoia.etl.application.port;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The days retention may not remove yet, with why, so each reason alerts once. */
public interface RetentionHolds {

    /** Records the hold; true when it is new or its reason changed (then it is worth an alert). */
    boolean hold(String table, LocalDate day, String reason) throws SQLException;

    void release(String table, LocalDate day) throws SQLException;

    List<Hold> all() throws SQLException;

    record Hold(String table, LocalDate day, String reason, Instant firstSeen, Instant lastSeen) {
    }
}
