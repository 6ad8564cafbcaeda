package com.tokyoia.etl.application.port;

import java.sql.SQLException;

/**
 * Where running exports report how far they have streamed their day, so a run's progress can be
 * read from any node while it runs. A report only: no proof or decision reads it.
 */
public interface ExportProgressLog {
    ExportProgressLog NONE = new ExportProgressLog() {
        @Override
        public void record(long manifestId, long rows, long expectedRows) {
        }

        @Override
        public Streaming streaming(long executionId) {
            return new Streaming(0, 0);
        }
    };

    /** {@code expectedRows} is the source's estimate, -1 when it has none. */
    void record(long manifestId, long rows, long expectedRows) throws SQLException;

    /** Rows streamed so far and expected by the exports of an execution not yet proven and current. */
    Streaming streaming(long executionId) throws SQLException;

    record Streaming(long rows, long expectedRows) {
    }
}
