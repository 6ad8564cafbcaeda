package com.tokyoia.etl.infrastructure.parquet;

import com.tokyoia.etl.domain.ParquetFooter;
import com.tokyoia.etl.domain.WrittenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Joins the Parquet files of a day's ranges, written in parallel, into the day's one file: the
 * encoded column chunks are copied as they are, with their dictionaries, page indexes and bloom
 * filters (nothing is decoded or compressed again), and the footer gets the whole day's row count
 * and content checksum. The export's read-back proof then reads the joined file, so a wrong join
 * fails the day like any other conversion error.
 */
public final class DayParquetConcatenation {
    private DayParquetConcatenation() {
    }

    public static WrittenFile concatenate(List<Path> parts, Path target, long rows, String contentChecksum) throws IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate into " + target);
        }
        HashingOutputFile output = new HashingOutputFile(target);
        ParquetFileWriter writer = null;
        Map<String, String> metadata = new HashMap<>();
        MessageType schema = null;
        long copied = 0;
        try {
            for (Path part : parts) {
                try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(part),
                        ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
                     SeekableInputStream in = new ChannelInputStream(part)) {
                    MessageType partSchema = reader.getFooter().getFileMetaData().getSchema();
                    if (writer == null) {
                        schema = partSchema;
                        metadata.putAll(reader.getFooter().getFileMetaData().getKeyValueMetaData());
                        writer = new ParquetFileWriter(output, schema, ParquetFileWriter.Mode.OVERWRITE, Long.MAX_VALUE, 0, null,
                                ParquetProperties.builder().build());
                        writer.start();
                    } else if (!partSchema.equals(schema)) {
                        throw new IOException(part.getFileName() + " has another schema than " + parts.get(0).getFileName());
                    }
                    for (BlockMetaData block : reader.getFooter().getBlocks()) {
                        writer.startBlock(block.getRowCount());
                        for (ColumnChunkMetaData chunk : block.getColumns()) {
                            writer.appendColumnChunk(schema.getColumnDescription(chunk.getPath().toArray()), in, chunk,
                                    reader.readBloomFilter(chunk), reader.readColumnIndex(chunk), reader.readOffsetIndex(chunk));
                        }
                        writer.endBlock();
                        copied += block.getRowCount();
                    }
                }
            }
            if (copied != rows) {
                throw new IOException("the ranges' files hold " + copied + " rows, their COPYs sent " + rows);
            }
            metadata.put(ParquetFooter.META_CHECKSUM, contentChecksum);
            metadata.put(ParquetFooter.META_ROWS, Long.toString(rows));
            writer.end(metadata);
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.abort();
            }
            output.closeAfterFailure(e);
            throw e;
        }
        return new WrittenFile(target, rows, Files.size(target), output.sha256Hex(), contentChecksum);
    }
}
