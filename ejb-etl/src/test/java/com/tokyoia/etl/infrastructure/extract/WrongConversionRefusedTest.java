package com.tokyoia.etl.infrastructure.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.etl.EtlFixtures;
import com.tokyoia.etl.application.DayExporter;
import com.tokyoia.etl.application.ExportVerificationException;
import com.tokyoia.etl.domain.DayExportResult;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.testing.HotDataGenerator;
import com.tokyoia.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The export's proof without PostgreSQL's own checksum (the default): a decoder that gets one value
 * of one row wrong, the way a conversion bug would, makes the export refuse the day. The file is
 * read back and re-encoded into PostgreSQL's binary form, and its digest no longer matches the
 * tuples COPY sent (or, for a UUID no longer in the lake's form, cannot be read back at all); the
 * new version is FAILED, its uploaded object is removed, the proven version stays current.
 */
class WrongConversionRefusedTest {
    private static final LocalDate DAY = LocalDate.of(2025, 5, 21);
    private static final LakeTable TASKS = LakeSchemaRegistry.AGENT_TASKS;
    private static final int CREATED_AT = TASKS.columnNames().indexOf("created_at");
    private static final int TASK_TYPE = TASKS.columnNames().indexOf("task_type");
    private static final int TOKENS_IN = TASKS.columnNames().indexOf("tokens_input");
    private static final int TOKENS_OUT = TASKS.columnNames().indexOf("tokens_output");
    private static final int ERROR = TASKS.columnNames().indexOf("error_message");

    /** One wrong conversion each, applied to the first row it can change. */
    enum Fault {
        MICROSECOND_OFF_BY_ONE(row -> row[CREATED_AT] != null, row -> set(row, CREATED_AT, (Long) row[CREATED_AT] + 1)),
        NULL_WRITTEN_AS_EMPTY_STRING(row -> row[ERROR] == null, row -> set(row, ERROR, Binary.fromString(""))),
        STRING_CUT_BY_ONE_BYTE(row -> row[TASK_TYPE] != null, row -> {
            Binary text = (Binary) row[TASK_TYPE];
            return set(row, TASK_TYPE, Binary.fromConstantByteArray(text.getBytes(), 0, text.length() - 1));
        }),
        UUID_UPPER_CASED(row -> true, row -> set(row, 0, Binary.fromString(((Binary) row[0]).toStringUsingUTF8().toUpperCase(Locale.ROOT)))),
        COLUMNS_SWAPPED(row -> row[TOKENS_IN] != null && row[TOKENS_OUT] != null && !row[TOKENS_IN].equals(row[TOKENS_OUT]),
                row -> {
                    Object in = row[TOKENS_IN];
                    row[TOKENS_IN] = row[TOKENS_OUT];
                    return set(row, TOKENS_OUT, in);
                });

        final Predicate<Object[]> applies;
        final UnaryOperator<Object[]> change;

        Fault(Predicate<Object[]> applies, UnaryOperator<Object[]> change) {
            this.applies = applies;
            this.change = change;
        }

        private static Object[] set(Object[] row, int column, Object value) {
            row[column] = value;
            return row;
        }
    }

    @BeforeAll
    static void data() throws Exception {
        TestDatabase.resetDays(List.of(DAY));
        HotDataGenerator generator = new HotDataGenerator(41);
        generator.createAgents(3, "conversion-");
        generator.day(DAY, new HotDataGenerator.Volume(20, 800, 10, 10, 5));
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theExportRefusesTheDay(Fault fault, @TempDir Path work, @TempDir Path lake) throws Exception {
        TestDatabase.resetManifest(List.of(DAY));
        LocalDirectoryStore store = new LocalDirectoryStore(lake);
        DayExportResult proven = EtlFixtures.exporter(correct(), store, work).export(TASKS, DAY, -1, true);
        assertThat(proven.status()).isEqualTo(DayExportResult.Status.EXPORTED);

        DayExporter faulty = EtlFixtures.exporter(withFault(fault), store, work);
        assertThatThrownBy(() -> faulty.export(TASKS, DAY, -2, true)).isInstanceOf(ExportVerificationException.class)
                .hasMessageContaining("a value changed between the database and the file");

        ManifestEntry latest = EtlFixtures.manifest().latest(TASKS.name(), DAY).orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.status()).isEqualTo(ManifestStatus.FAILED);
        assertThat(EtlFixtures.manifest().current(TASKS.name(), DAY).orElseThrow().version()).isEqualTo(1);
        assertThat(store.list("")).containsExactly("agent_tasks/year=2025/month=05/day=21/v=0001/part-00000.parquet");
    }

    private static PostgresDaySource correct() {
        return new PostgresDaySource(new DayExtractor(TestDatabase.dataSource(), OutsideServerThreads.POOL, false),
                OutsideServerThreads.POOL, ParquetLayout.snappy(8L << 20));
    }

    private static PostgresDaySource withFault(Fault fault) {
        DayExtractor extractor = new DayExtractor(TestDatabase.dataSource(), OutsideServerThreads.POOL, false, table -> new CopyRowDecoder(table) {
            private boolean done;

            @Override
            void decode(byte[] b, int at, Object[] row) throws IOException {
                super.decode(b, at, row);
                if (!done && fault.applies.test(row)) {
                    fault.change.apply(row);
                    done = true;
                }
            }
        });
        return new PostgresDaySource(extractor, OutsideServerThreads.POOL, ParquetLayout.snappy(8L << 20));
    }
}
