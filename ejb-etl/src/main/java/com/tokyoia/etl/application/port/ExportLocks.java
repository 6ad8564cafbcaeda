package com.tokyoia.etl.application.port;

import java.sql.SQLException;
import java.time.LocalDate;

/** One export of a (table, day) at a time, on this node or any other sharing the database. */
public interface ExportLocks {
    /** Held until closed; an {@link ExportInProgressException} when another export of the day holds it. */
    Held acquire(String table, LocalDate day) throws SQLException;

    interface Held extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    final class ExportInProgressException extends RuntimeException {
        public ExportInProgressException(String table, LocalDate day) {
            super("an export of " + table + " " + day + " is already running");
        }
    }
}
