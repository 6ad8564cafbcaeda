package com.tokyoia.etl.infrastructure.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which columns of a lake file get a dictionary: by what their values are, even where this day's values happen to repeat. */
class DayParquetWriterTest {

    @Test
    void referencesAndNamesGetADictionaryRowIdsTimesAndReadingsDoNot(@TempDir Path dir) throws Exception {
        UUID[] agents = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        Path file = dir.resolve("metrics.parquet");
        // Every column repeats a handful of values but the id: each would be dictionary-encoded if allowed.
        try (DayParquetWriter writer = new DayParquetWriter(LakeSchemaRegistry.AGENT_METRICS, "2000-01-01", file,
                ParquetLayout.snappy(1 << 20))) {
            for (long i = 0; i < 5_000; i++) {
                writer.write(new Object[] {i, agents[(int) (i % 3)], i % 2 == 0 ? "latency_ms" : "tokens_per_s", (double) (i % 4),
                    "ms", 946_684_800_000_000L + i % 5});
            }
            writer.finish("checksum");
        }
        Map<String, Boolean> dictionary = new HashMap<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    dictionary.merge(column.getPath().toDotString(), column.hasDictionaryPage(), Boolean::logicalOr);
                }
            }
        }
        assertThat(dictionary).containsExactlyInAnyOrderEntriesOf(Map.of("id", false, "agent_id", true, "metric_name", true,
                "metric_value", false, "unit", true, "recorded_at", false));
    }
}
