package com.tokyoia.etl.application.port;

import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;

/** Puts a day back into PostgreSQL from its lake copy. */
public interface HotDayLoader {

    /** Produces the day's rows into the sink it is given. */
    @FunctionalInterface
    interface Rows {
        void into(LakeFiles.RowSink sink) throws IOException;
    }

    /**
     * In one transaction: makes the manifest entry hot again (PURGED back to VALIDATED, stamped
     * re-imported), creates the day's partition if needed, inserts the rows, and checks that
     * PostgreSQL's content checksum of the day is {@code expectedChecksum}, or rolls everything
     * back. A day that already holds exactly those rows is left as it is (0 returned); one that
     * holds other rows is refused, never mixed.
     *
     * @return the rows inserted
     */
    long load(LakeTable table, LocalDate day, long manifestId, String expectedChecksum, Rows rows) throws IOException, SQLException;
}
