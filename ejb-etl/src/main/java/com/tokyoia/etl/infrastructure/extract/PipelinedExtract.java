package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.etl.application.port.DaySource;
import com.tokyoia.etl.domain.ExtractedDay;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Extract and encode on two threads: one reads and decodes PostgreSQL's COPY stream and digests it,
 * the other encodes Parquet. They meet in a small bounded queue of row batches, so memory
 * stays bounded whatever the day's size, and a failure on either side stops both.
 */
public final class PipelinedExtract {
    private static final int BATCH = 2_048;
    private static final int QUEUED_BATCHES = 8;
    private static final List<Object[]> END = new ArrayList<>(0);

    private PipelinedExtract() {
    }

    public static ExtractedDay run(DayExtractor extractor, LakeTable table, LocalDate day, DayParquetWriter writer,
                                   Executor executor) throws IOException, SQLException {
        return run(extractor, table, day, writer, executor, DaySource.Progress.NONE);
    }

    /** The same, telling {@code progress} the rows written after each batch. */
    public static ExtractedDay run(DayExtractor extractor, LakeTable table, LocalDate day, DayParquetWriter writer,
                                   Executor executor, DaySource.Progress progress) throws IOException, SQLException {
        BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        StopFlag stop = new StopFlag();
        CompletableFuture<DayExtractor.Copied> producer = CompletableFuture.supplyAsync(() -> {
            try {
                List<List<Object[]>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
                DayExtractor.Copied copied = extractor.extract(table, day, row -> {
                    batch.get(0).add(row);
                    if (batch.get(0).size() == BATCH) {
                        offer(queue, batch.get(0), stop);
                        batch.set(0, new ArrayList<>(BATCH));
                    }
                });
                if (!batch.get(0).isEmpty()) {
                    offer(queue, batch.get(0), stop);
                }
                offer(queue, END, stop);
                return copied;
            } catch (IOException | SQLException | RuntimeException e) {
                queue.clear();
                queue.offer(END);
                throw new CompletionException(e);
            }
        }, executor);
        long written = 0;
        try {
            while (true) {
                List<Object[]> rows = queue.poll(1, TimeUnit.SECONDS);
                if (rows == null) {
                    if (producer.isDone()) {
                        break;
                    }
                    continue;
                }
                if (rows == END) {
                    break;
                }
                for (Object[] row : rows) {
                    writer.write(row);
                }
                written += rows.size();
                progress.rowsWritten(written);
            }
            DayExtractor.Copied copied = StopFlag.join(producer);
            return new ExtractedDay(copied.source(), writer.finish(copied.contentChecksum()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopProducer(stop, queue, producer);
            throw new InterruptedIOException("interrupted while writing " + table.name() + " " + day);
        } catch (IOException | SQLException | RuntimeException e) {
            stopProducer(stop, queue, producer);
            throw e;
        }
    }

    private static void stopProducer(StopFlag stop, BlockingQueue<List<Object[]>> queue, CompletableFuture<DayExtractor.Copied> producer) {
        stop.set();
        queue.clear();
        try {
            producer.join();
        } catch (CompletionException ignored) {
            // The writer's failure is the one to report.
        }
    }

    private static void offer(BlockingQueue<List<Object[]>> queue, List<Object[]> rows, StopFlag stop)
            throws InterruptedIOException {
        try {
            while (!queue.offer(rows, 200, TimeUnit.MILLISECONDS)) {
                if (stop.isSet()) {
                    throw new IllegalStateException("the Parquet writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading rows");
        }
    }
}
