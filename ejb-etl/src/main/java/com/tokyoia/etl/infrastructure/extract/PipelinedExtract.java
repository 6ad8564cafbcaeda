package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.etl.infrastructure.extract.DayExtractor.SourceFacts;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter.WrittenFile;
import com.tokyoia.persistence.lake.LakeTable;
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
 * Extract and encode on two threads: one reads rows from PostgreSQL and computes their content
 * checksum, the other encodes Parquet. They meet in a small bounded queue of row batches, so memory
 * stays bounded whatever the day's size, and a failure on either side stops both.
 */
public final class PipelinedExtract {
    private static final int BATCH = 2_048;
    private static final int QUEUED_BATCHES = 8;
    private static final List<Object[]> END = new ArrayList<>(0);

    /** What was extracted (PostgreSQL's facts) and written (the file, with the extractor's checksum). */
    public record Result(SourceFacts source, WrittenFile file) {
    }

    private PipelinedExtract() {
    }

    public static Result run(DayExtractor extractor, LakeTable table, LocalDate day, DayParquetWriter writer,
                             Executor executor) throws Exception {
        BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        ContentChecksum checksum = new ContentChecksum();
        StopFlag stop = new StopFlag();
        CompletableFuture<SourceFacts> producer = CompletableFuture.supplyAsync(() -> {
            try {
                List<Object[]>[] batch = new List[]{new ArrayList<>(BATCH)};
                SourceFacts facts = extractor.extract(table, day, row -> {
                    checksum.add(RowCanonicalForm.of(table, row));
                    batch[0].add(row);
                    if (batch[0].size() == BATCH) {
                        offer(queue, batch[0], stop);
                        batch[0] = new ArrayList<>(BATCH);
                    }
                });
                if (!batch[0].isEmpty()) {
                    offer(queue, batch[0], stop);
                }
                offer(queue, END, stop);
                return facts;
            } catch (Exception e) {
                queue.clear();
                queue.offer(END);
                throw new CompletionException(e);
            }
        }, executor);
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
            }
            SourceFacts facts = join(producer);
            return new Result(facts, writer.finish(checksum.value()));
        } catch (Exception e) {
            stop.set();
            queue.clear();
            try {
                producer.join();
            } catch (CompletionException ignored) {
                // The writer's failure is the one to report.
            }
            throw e;
        }
    }

    private static void offer(BlockingQueue<List<Object[]>> queue, List<Object[]> rows, StopFlag stop)
            throws InterruptedException {
        while (!queue.offer(rows, 200, TimeUnit.MILLISECONDS)) {
            if (stop.isSet()) {
                throw new IllegalStateException("the Parquet writer stopped");
            }
        }
    }

    private static SourceFacts join(CompletableFuture<SourceFacts> producer) throws Exception {
        try {
            return producer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** A flag the writer raises to stop the reader. */
    private static final class StopFlag {
        private volatile boolean set;

        void set() {
            set = true;
        }

        boolean isSet() {
            return set;
        }
    }
}
