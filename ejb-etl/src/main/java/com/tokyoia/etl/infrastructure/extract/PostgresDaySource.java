package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.etl.application.port.DaySource;
import com.tokyoia.etl.domain.ExtractedDay;
import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
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
    private final ParquetLayout layout;

    /**
     * @param executor runs the extract side of the pipeline (a managed executor in the server)
     * @param sqlProof have PostgreSQL compute the content checksum of each exported day too
     */
    public PostgresDaySource(DataSource dataSource, Executor executor, ParquetLayout layout, boolean sqlProof) {
        this(new DayExtractor(dataSource, executor, sqlProof), executor, layout);
    }

    /** Outside the server (tests, benchmarks): the extract runs on {@link OutsideServerThreads}. */
    public PostgresDaySource(DataSource dataSource, long rowGroupBytes, boolean sqlProof) {
        this(dataSource, OutsideServerThreads.POOL, ParquetLayout.snappy(rowGroupBytes), sqlProof);
    }

    PostgresDaySource(DayExtractor extractor, Executor executor, ParquetLayout layout) {
        this.extractor = extractor;
        this.executor = executor;
        this.layout = layout;
    }

    @Override
    public ExtractedDay extract(LakeTable table, LocalDate day, Path target, Progress progress) throws IOException, SQLException {
        try (DayParquetWriter writer = new DayParquetWriter(table, day.toString(), target, layout)) {
            return PipelinedExtract.run(extractor, table, day, writer, executor, progress);
        }
    }

    @Override
    public long estimatedRows(LakeTable table, LocalDate day) throws SQLException {
        return extractor.estimatedRows(table, day);
    }

    @Override
    public SourceFacts facts(LakeTable table, LocalDate day) throws SQLException {
        return extractor.facts(table, day);
    }
}
