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
    ExtractedDay extract(LakeTable table, LocalDate day, Path target) throws IOException, SQLException;

    /** The source's row count and content checksum of the day now (late-data and retention checks). */
    SourceFacts facts(LakeTable table, LocalDate day) throws SQLException;
}
