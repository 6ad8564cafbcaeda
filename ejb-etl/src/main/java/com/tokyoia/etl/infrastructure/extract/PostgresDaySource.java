package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.etl.application.port.DaySource;
import com.tokyoia.etl.domain.ExtractedDay;
import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * PostgreSQL as the ETL's source: one snapshot per day streamed through {@link DayExtractor} into a
 * {@link DayParquetWriter} on two threads ({@link PipelinedExtract}).
 */
public final class PostgresDaySource implements DaySource {
    private final DayExtractor extractor;
    private final Executor executor;
    private final long rowGroupBytes;

    /** {@code executor} runs the extract side of the pipeline (a managed executor in the server). */
    public PostgresDaySource(DataSource dataSource, Executor executor, long rowGroupBytes) {
        this.extractor = new DayExtractor(dataSource, executor);
        this.executor = executor;
        this.rowGroupBytes = rowGroupBytes;
    }

    /** Outside the server (tests, benchmarks): the extract runs on {@link OutsideServerThreads}. */
    public PostgresDaySource(DataSource dataSource, long rowGroupBytes) {
        this(dataSource, OutsideServerThreads.POOL, rowGroupBytes);
    }

    @Override
    public ExtractedDay extract(LakeTable table, LocalDate day, Path target) throws IOException, SQLException {
        try (DayParquetWriter writer = new DayParquetWriter(table, day.toString(), target, rowGroupBytes)) {
            return PipelinedExtract.run(extractor, table, day, writer, executor);
        }
    }

    @Override
    public SourceFacts facts(LakeTable table, LocalDate day) throws SQLException {
        return extractor.facts(table, day);
    }
}
