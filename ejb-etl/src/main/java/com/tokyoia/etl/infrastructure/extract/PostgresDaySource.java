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
 * {@link DayParquetWriter}, either by one COPY on two threads (decode, encode: {@link PipelinedExtract})
 * or, with more than one range configured, by one COPY per range of the day's pages, each encoded
 * on its own thread ({@link RangedExtract}).
 */
public final class PostgresDaySource implements DaySource {
    /** 8 MiB of heap per range at least (a day under 16 MiB is one range): below that a second connection and file cost more than they save. */
    static final long MIN_PAGES_PER_RANGE = 1_024;

    private final DayExtractor extractor;
    private final Executor executor;
    private final ParquetLayout layout;
    private final int ranges;
    private final long minPagesPerRange;

    /**
     * @param executor runs the extract side of the pipeline (a managed executor in the server)
     * @param sqlProof have PostgreSQL compute the content checksum of each exported day too
     */
    public PostgresDaySource(DataSource dataSource, Executor executor, ParquetLayout layout, boolean sqlProof) {
        this(dataSource, executor, layout, sqlProof, 1);
    }

    /** @param ranges how many COPYs may read one day at once (1: a single COPY, pipelined) */
    public PostgresDaySource(DataSource dataSource, Executor executor, ParquetLayout layout, boolean sqlProof, int ranges) {
        this(new DayExtractor(dataSource, executor, sqlProof), executor, layout, ranges, MIN_PAGES_PER_RANGE);
    }

    /** Outside the server (tests, benchmarks): the extract runs on {@link OutsideServerThreads}. */
    public PostgresDaySource(DataSource dataSource, long rowGroupBytes, boolean sqlProof) {
        this(dataSource, OutsideServerThreads.POOL, ParquetLayout.snappy(rowGroupBytes), sqlProof);
    }

    /** With another extractor (tests inject wrong conversions through it), one COPY per day. */
    PostgresDaySource(DayExtractor extractor, Executor executor, ParquetLayout layout) {
        this(extractor, executor, layout, 1, MIN_PAGES_PER_RANGE);
    }

    PostgresDaySource(DayExtractor extractor, Executor executor, ParquetLayout layout, int ranges, long minPagesPerRange) {
        if (ranges < 1) {
            throw new IllegalArgumentException("ranges must be at least 1, not " + ranges);
        }
        this.extractor = extractor;
        this.executor = executor;
        this.layout = layout;
        this.ranges = ranges;
        this.minPagesPerRange = minPagesPerRange;
    }

    @Override
    public ExtractedDay extract(LakeTable table, LocalDate day, Path target, Progress progress) throws IOException, SQLException {
        if (ranges > 1) {
            return RangedExtract.run(extractor, table, day, target, layout, ranges, minPagesPerRange, executor, progress);
        }
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
