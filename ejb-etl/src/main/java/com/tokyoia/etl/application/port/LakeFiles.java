package com.tokyoia.etl.application.port;

import com.tokyoia.etl.domain.ParquetFooter;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a lake file back, independently of how it was written. */
public interface LakeFiles {
    ParquetFooter footer(Path file) throws IOException;

    /** Re-reads every row and recomputes the content checksum from the file alone. */
    String recomputeChecksum(LakeTable table, Path file) throws IOException;

    /**
     * Re-reads every row, encodes each value back into the source's own binary form and returns the
     * digest of those tuples: equal to the digest of the tuples the source streamed only if every
     * value survived decoding, writing and reading unchanged.
     */
    String tupleDigest(LakeTable table, Path file) throws IOException;

    /**
     * Hands every row of the file to {@code sink}, as the extract produced them: values in the
     * registry's column order (UUID, String, Integer, Long, Double, BigDecimal; timestamps as
     * microseconds since the epoch, UTC), null for SQL NULL.
     */
    void readRows(LakeTable table, Path file, RowSink sink) throws IOException;

    /** Receives rows; may fail, which ends the reading. */
    @FunctionalInterface
    interface RowSink {
        void accept(Object[] row) throws IOException;
    }
}
