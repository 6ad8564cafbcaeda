package com.tokyoia.analytics.infrastructure.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.application.port.QueryLog;
import com.tokyoia.analytics.application.port.QueryLog.Entry;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackgroundQueryLogTest {

    @Test
    void waitingHitsAreWrittenByOneTaskInBatches() throws Exception {
        Recorder log = new Recorder();
        List<Runnable> tasks = new ArrayList<>();
        BackgroundQueryLog background = new BackgroundQueryLog(log, tasks::add, 1000);
        for (Entry entry : entries(450)) {
            background.recordLater(entry);
        }
        assertThat(log.written).as("nothing on the caller's thread").isEmpty();
        assertThat(tasks).as("one drain for the burst").hasSize(1);
        tasks.remove(0).run();
        assertThat(log.batches).containsExactly(BackgroundQueryLog.BATCH, BackgroundQueryLog.BATCH, 50);
        assertThat(log.written).containsExactlyElementsOf(entries(450));
        background.recordLater(entry(450));
        assertThat(tasks).as("the next hit starts a new drain").hasSize(1);
    }

    @Test
    void aRefusedBatchIsWrittenEntryByEntrySoOnlyTheBadEntryIsLost() throws Exception {
        Recorder log = new Recorder();
        log.refuseBatches = true;
        log.refused = entry(3);
        List<Runnable> tasks = new ArrayList<>();
        BackgroundQueryLog background = new BackgroundQueryLog(log, tasks::add, 10);
        for (Entry entry : entries(10)) {
            background.recordLater(entry);
        }
        tasks.remove(0).run();
        assertThat(log.written).containsExactlyElementsOf(entries(10).stream().filter(e -> !e.equals(entry(3))).toList());
        // All ten places are free again: ten more wait instead of being written on the caller's thread.
        log.written.clear();
        for (int i = 0; i < 10; i++) {
            background.recordLater(entry(100 + i));
        }
        assertThat(log.written).isEmpty();
    }

    @Test
    void pastTheMostThatMayWaitTheCallerWritesItsOwn() throws Exception {
        Recorder log = new Recorder();
        List<Runnable> tasks = new ArrayList<>();
        BackgroundQueryLog background = new BackgroundQueryLog(log, tasks::add, 2);
        background.recordLater(entry(0));
        background.recordLater(entry(1));
        background.recordLater(entry(2));
        assertThat(log.written).containsExactly(entry(2));
        tasks.remove(0).run();
        assertThat(log.written).containsExactly(entry(2), entry(0), entry(1));
    }

    @Test
    void whenTheExecutorRefusesTheCallerWritesAtOnce() throws Exception {
        Recorder log = new Recorder();
        Executor stopping = task -> {
            throw new RejectedExecutionException("the server is stopping");
        };
        BackgroundQueryLog background = new BackgroundQueryLog(log, stopping, 1000);
        background.recordLater(entry(0));
        background.recordLater(entry(1));
        assertThat(log.written).containsExactly(entry(0), entry(1));
    }

    @Test
    void anExecutorThatFailsLeavesNoDrainStuckAndClosingWritesWhatWaits() throws Exception {
        Recorder log = new Recorder();
        List<Runnable> tasks = new ArrayList<>();
        boolean[] broken = {true};
        BackgroundQueryLog background = new BackgroundQueryLog(log, task -> {
            if (broken[0]) {
                throw new IllegalStateException("no thread to run it");
            }
            tasks.add(task);
        }, 1000);
        background.recordLater(entry(0));
        assertThat(log.written).as("written on the caller's thread").containsExactly(entry(0));
        broken[0] = false;
        background.recordLater(entry(1));
        background.recordLater(entry(2));
        assertThat(tasks).as("the next entry starts a drain again").hasSize(1);
        background.close();
        assertThat(log.written).as("closing writes what waits").containsExactly(entry(0), entry(1), entry(2));
    }

    @Test
    void aBatchLostToAnUnreachableDatabaseIsNotTriedEntryByEntry() throws Exception {
        Recorder log = new Recorder();
        log.unreachable = true;
        List<Runnable> tasks = new ArrayList<>();
        BackgroundQueryLog background = new BackgroundQueryLog(log, tasks::add, 3);
        for (Entry entry : entries(3)) {
            background.recordLater(entry);
        }
        tasks.remove(0).run();
        assertThat(log.singleWrites).isZero();
        log.unreachable = false;
        for (int i = 0; i < 3; i++) {
            background.recordLater(entry(10 + i));
        }
        assertThat(log.written).as("the places are free again: nothing written on the caller's thread").isEmpty();
    }

    private static List<Entry> entries(int n) {
        return IntStream.range(0, n).mapToObj(BackgroundQueryLogTest::entry).toList();
    }

    private static Entry entry(int i) {
        return new Entry("task_throughput", "from=2026-01-01&to=2026-01-02#" + i, "duckdb", 0, 1, 0, 100, BigDecimal.ZERO, null,
                BigDecimal.ZERO, true, 6, 1, null, null, "alice", null);
    }

    private static final class Recorder implements QueryLog {
        final List<Entry> written = new ArrayList<>();
        final List<Integer> batches = new ArrayList<>();
        boolean refuseBatches;
        boolean unreachable;
        int singleWrites;
        Entry refused;

        @Override
        public void record(Entry entry) throws SQLException {
            singleWrites++;
            if (entry.equals(refused)) {
                throw new SQLException("value too long");
            }
            written.add(entry);
        }

        @Override
        public void recordAll(List<Entry> entries) throws SQLException {
            if (unreachable) {
                throw new SQLException("Connection refused", "08001");
            }
            if (refuseBatches) {
                throw new SQLException("the batch was refused");
            }
            batches.add(entries.size());
            written.addAll(entries);
        }

        @Override
        public BigDecimal spentSince(LocalDate day) {
            return BigDecimal.ZERO;
        }

        @Override
        public BigDecimal spentSince(LocalDate day, Payer payer, String name) {
            return BigDecimal.ZERO;
        }

        @Override
        public List<Map<String, Object>> costs(LocalDate from, LocalDate to) {
            return List.of();
        }

        @Override
        public List<Map<String, Object>> costsBy(Payer payer, LocalDate from, LocalDate to) {
            return List.of();
        }
    }
}
