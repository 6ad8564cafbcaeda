package com.tokyoia.etl.application.port;

import com.tokyoia.etl.domain.ExtractedDay;
import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;

/** The hot store's days as the ETL reads them (PostgreSQL in production). */
public interface DaySource {
    /**
     * Streams one UTC day of a table from one consistent snapshot into a local Parquet file, and
     * returns what the source itself says about the same snapshot (row count, content checksum)
     * beside what was written.
     */
    ExtractedDay extract(LakeTable table, LocalDate day, Path target, Progress progress) throws IOException, SQLException;

    default ExtractedDay extract(LakeTable table, LocalDate day, Path target) throws IOException, SQLException {
        return extract(table, day, target, Progress.NONE);
    }

    /** The source's estimate of the day's rows (its planner's, not a count), -1 when it has none. */
    long estimatedRows(LakeTable table, LocalDate day) throws SQLException;

    /** Told the number of rows written so far, every few thousand rows, on the writing thread. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = rows -> {
        };

        void rowsWritten(long rows);
    }

    /** The source's row count and content checksum of the day now (late-data and retention checks). */
    SourceFacts facts(LakeTable table, LocalDate day) throws SQLException;
}
