package com.tokyoia.etl.infrastructure.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.LakeAssertions;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.domain.ExtractedDay;
import com.tokyoia.etl.infrastructure.parquet.ParquetFiles;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day read by several COPYs over ranges of its pages in one shared snapshot, each range encoded on
 * its own thread and the files joined: the lake holds exactly what one COPY gives (read back by
 * DuckDB against PostgreSQL), rows changed after the snapshot are not seen, and a failing range
 * fails the whole day and leaves no range file behind. The minimum range size is one page here, so
 * that test-sized days split.
 */
class RangedExportTest {
    private static final LocalDate DAY = LocalDate.of(2025, 6, 3);
    private static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;
    private static final ParquetLayout LAYOUT = ParquetLayout.snappy(8L << 20);

    @BeforeAll
    static void data() throws Exception {
        TestDatabase.resetDays(List.of(DAY));
        // Rows deleted by an earlier run would otherwise fill the first pages as dead tuples, and the
        // new ones all land in the last range: vacuumed, the partition's pages are filled from the start.
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("VACUUM agent_tasks_p" + DAY.toString().replace("-", ""));
        }
        HotDataGenerator generator = new HotDataGenerator(53);
        generator.createAgents(4, "ranged-");
        generator.day(DAY, new HotDataGenerator.Volume(200, 6_000, 3_000, 2_000, 400));
    }

    private static DayExtractor extractor() {
        return new DayExtractor(TestDatabase.dataSource(), OutsideServerThreads.POOL, true);
    }

    private static PostgresDaySource ranged(DayExtractor extractor, int ranges) {
        return new PostgresDaySource(extractor, OutsideServerThreads.POOL, LAYOUT, ranges, 1);
    }

    @Test
    void threeRangesWriteTheSameDayAsOneCopy(@TempDir Path work) throws Exception {
        try (SnapshotRanges snapshot = extractor().shareSnapshot(TASKS, DAY, 3, 1)) {
            assertThat(snapshot.ranges()).as("the day's partition spans enough pages for three ranges").hasSize(3);
        }
        ExtractedDay one = ranged(extractor(), 1).extract(TASKS, DAY, work.resolve("one.parquet"));
        ExtractedDay three = ranged(extractor(), 3).extract(TASKS, DAY, work.resolve("three.parquet"));

        assertThat(three.source()).isEqualTo(one.source());
        assertThat(three.source().rows()).isEqualTo(6_000);
        assertThat(three.file().rows()).isEqualTo(6_000);
        assertThat(three.file().contentChecksum()).isEqualTo(one.file().contentChecksum());
        assertThat(new ParquetFiles().tupleDigest(TASKS, three.file().path())).isEqualTo(one.source().tupleDigest());
        assertThat(new ParquetFiles().footer(three.file().path()).rows()).isEqualTo(6_000);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(three.file().path()),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            List<BlockMetaData> blocks = reader.getFooter().getBlocks();
            assertThat(blocks).as("one row group per range at least").hasSizeGreaterThanOrEqualTo(3);
            for (BlockMetaData block : blocks) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    // The copied page index must point into the chunk where it now lies in the joined file.
                    OffsetIndex pages = reader.readOffsetIndex(chunk);
                    assertThat(pages).as("page index copied for " + chunk.getPath()).isNotNull();
                    assertThat(pages.getOffset(0)).as(chunk.getPath() + " first data page").isEqualTo(chunk.getFirstDataPageOffset());
                    for (int page = 0; page < pages.getPageCount(); page++) {
                        assertThat(pages.getOffset(page)).isBetween(chunk.getStartingPos(), chunk.getStartingPos() + chunk.getTotalSize() - 1);
                    }
                    assertThat(reader.readColumnIndex(chunk)).as("column index copied for " + chunk.getPath()).isNotNull();
                }
            }
        }
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("one.parquet", "three.parquet");
        }
    }

    @Test
    void everyTableExportedInRangesReadsBackAsPostgresHasIt(@TempDir Path work, @TempDir Path lake) throws Exception {
        TestDatabase.resetManifest(List.of(DAY));
        LocalDirectoryStore store = new LocalDirectoryStore(lake);
        for (LakeTable table : LakeSchemaRegistry.tables()) {
            DayExportResult result = EtlFixtures.exporter(ranged(extractor(), 3), store, work).export(table, DAY, -1, true);
            assertThat(result.status()).as(table.name()).isEqualTo(DayExportResult.Status.EXPORTED);
        }
        LakeAssertions.assertLakeEqualsPostgres(lake, List.of(DAY));
    }

    @Test
    void rowsChangedAfterTheSnapshotAreNotSeenByAnyRange() throws Exception {
        String before = extractor().facts(TASKS, DAY).checksum();
        String bounds = "created_at >= '" + DAY + " 00:00:00+00' AND created_at < '" + DAY.plusDays(1) + " 00:00:00+00'";
        List<SnapshotRanges.Tally> tallies = new ArrayList<>();
        DayExtractor.Copied copied;
        try (Connection other = TestDatabase.dataSource().getConnection(); Statement st = other.createStatement()) {
            try (SnapshotRanges snapshot = extractor().shareSnapshot(TASKS, DAY, 2, 1)) {
                // Committed after the snapshot began, in every range: each row changed, and one more row.
                st.executeUpdate("UPDATE agent_tasks SET tokens_input = tokens_input + 1 WHERE tokens_input IS NOT NULL AND " + bounds);
                st.executeUpdate("INSERT INTO agent_tasks (id, workflow_id, agent_id, task_type, status, created_at, updated_at)"
                        + " SELECT '00000000-0000-4000-8000-000000000001', workflow_id, agent_id, task_type, status, created_at, updated_at"
                        + " FROM agent_tasks WHERE " + bounds + " LIMIT 1");
                for (CtidRange range : snapshot.ranges()) {
                    tallies.add(snapshot.copy(range, row -> { }));
                }
                copied = snapshot.combine(tallies);
            } finally {
                st.executeUpdate("DELETE FROM agent_tasks WHERE id = '00000000-0000-4000-8000-000000000001'");
                st.executeUpdate("UPDATE agent_tasks SET tokens_input = tokens_input - 1 WHERE tokens_input IS NOT NULL AND " + bounds);
                // The updates moved rows to new pages: packed again, so that every test's ranges hold rows.
                st.execute("VACUUM FULL agent_tasks_p" + DAY.toString().replace("-", ""));
            }
        }
        assertThat(extractor().facts(TASKS, DAY).checksum()).as("the day put back as it was").isEqualTo(before);
        assertThat(copied.source().rows()).isEqualTo(6_000);
        assertThat(copied.contentChecksum()).isEqualTo(before);
        assertThat(tallies).hasSize(2).allMatch(t -> t.rows() > 0);
    }

    @Test
    void aFailingRangeFailsTheDayAndLeavesNoRangeFile(@TempDir Path work) {
        AtomicInteger decoded = new AtomicInteger();
        DayExtractor failing = new DayExtractor(TestDatabase.dataSource(), OutsideServerThreads.POOL, false, table -> new CopyRowDecoder(table) {
            @Override
            void decode(byte[] b, int at, Object[] row) throws IOException {
                super.decode(b, at, row);
                if (decoded.incrementAndGet() == 3_000) { // in whichever range gets there, with the others running
                    throw new IOException("decoder broke on purpose");
                }
            }
        });
        assertThatThrownBy(() -> ranged(failing, 3).extract(TASKS, DAY, work.resolve("day.parquet")))
                .isInstanceOf(IOException.class).hasMessageContaining("decoder broke on purpose");
        assertThat(work.toFile().list()).as("no range file left, no day file").isEmpty();
    }
}
