package com.tokyoia.etl.application.footprint;

import java.time.LocalDate;
import java.util.List;

/**
 * One table in both places. {@code compressionRatio} is PostgreSQL's bytes per row over the lake's
 * bytes per row (null until both hold rows); {@code lagDays} how far the newest proven day is
 * behind yesterday (null until the table was exported).
 */
public record TableFootprint(String table, long postgresBytes, long postgresRows, long lakeDays, long lakeRows, long lakeBytes,
                             long lakeOnlyRows, Double compressionRatio, LocalDate newestProvenDay, Long lagDays,
                             List<LakeObjects> lakeObjects) {

    /** What a row takes in PostgreSQL (0 when it holds none). */
    public double postgresBytesPerRow() {
        return postgresRows == 0 ? 0 : (double) postgresBytes / postgresRows;
    }

    /** Bytes of every stored lake object of the table, in any class. */
    public long storedLakeBytes() {
        return lakeObjects.stream().mapToLong(LakeObjects::bytes).sum();
    }
}
