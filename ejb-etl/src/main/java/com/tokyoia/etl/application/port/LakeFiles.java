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
}
