package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.etl.application.port.DaySource;
import com.tokyoia.etl.domain.ExtractedDay;
import com.tokyoia.etl.domain.WrittenFile;
import com.tokyoia.etl.infrastructure.parquet.DayParquetConcatenation;
import com.tokyoia.etl.infrastructure.parquet.DayParquetWriter;
import com.tokyoia.etl.infrastructure.parquet.ParquetLayout;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A day extracted by several COPYs at once ({@link SnapshotRanges}), each range decoded and encoded
 * into its own Parquet file on its own thread, the files then joined into the day's one file
 * without re-encoding ({@link DayParquetConcatenation}). Parquet encoding is the export's costliest
 * step and runs on one thread per file, so this is what lets an export use more than one core
 * for it. When one range fails the others stop at their next row and the day fails as a whole.
 */
final class RangedExtract {
    private static final int PROGRESS_EVERY = 2_048;

    private RangedExtract() {
    }

    /** A range's file and what its COPY saw. */
    private record Part(WrittenFile written, SnapshotRanges.Tally tally) {
    }

    static ExtractedDay run(DayExtractor extractor, LakeTable table, LocalDate day, Path target, ParquetLayout layout, int ranges,
                            long minPagesPerRange, Executor executor, DaySource.Progress progress) throws IOException, SQLException {
        try (SnapshotRanges snapshot = extractor.shareSnapshot(table, day, ranges, minPagesPerRange)) {
            List<CtidRange> split = snapshot.ranges();
            if (split.size() == 1) {
                // Too small to split: one COPY in the snapshot, written straight to the target.
                Part part = copyRange(snapshot, split.get(0), table, day, target, layout, new SharedProgress(progress), new StopFlag());
                return new ExtractedDay(snapshot.combine(List.of(part.tally())).source(), part.written());
            }
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < split.size(); i++) {
                files.add(target.resolveSibling(target.getFileName() + ".range-" + i));
            }
            try {
                // Each range writes its own row groups at once: they share the configured row group's memory.
                List<Part> parts = copyAll(snapshot, split, files, table, day, layout.sharedBy(split.size()), executor,
                        new SharedProgress(progress));
                List<SnapshotRanges.Tally> tallies = parts.stream().map(Part::tally).toList();
                DayExtractor.Copied copied = snapshot.combine(tallies);
                WrittenFile written = DayParquetConcatenation.concatenate(files, target, copied.source().rows(),
                        copied.contentChecksum());
                return new ExtractedDay(copied.source(), written);
            } finally {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static List<Part> copyAll(SnapshotRanges snapshot, List<CtidRange> split, List<Path> files, LakeTable table, LocalDate day,
                                      ParquetLayout layout, Executor executor, SharedProgress progress) throws IOException, SQLException {
        StopFlag stop = new StopFlag();
        List<CompletableFuture<Part>> others = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        try {
            for (int i = 1; i < split.size(); i++) {
                CtidRange range = split.get(i);
                Path file = files.get(i);
                others.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return copyRange(snapshot, range, table, day, file, layout, progress, stop);
                    } catch (IOException | SQLException | RuntimeException | Error e) {
                        stop.set();
                        throw new CompletionException(e);
                    }
                }, executor));
            }
            parts.add(copyRange(snapshot, split.get(0), table, day, files.get(0), layout, progress, stop));
        } catch (IOException | SQLException | RuntimeException | Error e) {
            // Includes a refused submission: whatever was started still stops and is waited for below.
            stop.set();
            failures.add(e);
        }
        // Every started range is waited for, so none is still writing a file or holding a connection
        // once this returns.
        for (CompletableFuture<Part> other : others) {
            try {
                parts.add(other.join());
            } catch (CompletionException e) {
                failures.add(e.getCause() == null ? e : e.getCause());
            }
        }
        if (!failures.isEmpty()) {
            // The range that failed first is the one to report: the others only stopped because of it.
            Throwable first = failures.stream().filter(f -> !(f instanceof StoppedException)).findFirst().orElse(failures.get(0));
            failures.stream().filter(f -> f != first && !(f instanceof StoppedException)).forEach(first::addSuppressed);
            if (first instanceof Error error) {
                throw error;
            }
            StopFlag.rethrow(first);
            throw new IOException(first);
        }
        return parts;
    }

    private static Part copyRange(SnapshotRanges snapshot, CtidRange range, LakeTable table, LocalDate day, Path file,
                                  ParquetLayout layout, SharedProgress progress, StopFlag stop) throws IOException, SQLException {
        if (stop.isSet()) {
            throw new StoppedException(); // another range failed before this one started
        }
        try (DayParquetWriter writer = new DayParquetWriter(table, day.toString(), file, layout)) {
            long[] unreported = {0};
            SnapshotRanges.Tally tally = snapshot.copy(range, row -> {
                if (stop.isSet()) {
                    throw new StoppedException();
                }
                writer.write(row);
                if (++unreported[0] == PROGRESS_EVERY) {
                    progress.add(unreported[0]);
                    unreported[0] = 0;
                }
            });
            progress.add(unreported[0]);
            return new Part(writer.finish(tally.checksum().value()), tally);
        }
    }

    /** Rows written over all ranges, told to the export's progress one batch at a time. */
    private static final class SharedProgress {
        private final DaySource.Progress progress;
        private long rows;

        SharedProgress(DaySource.Progress progress) {
            this.progress = progress;
        }

        synchronized void add(long written) {
            rows += written;
            progress.rowsWritten(rows);
        }
    }

    /** A range stopping because another failed: not a failure of its own. */
    private static final class StoppedException extends IOException {
        StoppedException() {
            super("stopped: another range of the day failed");
        }
    }
}
