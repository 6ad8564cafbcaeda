package com.tokyoia.analytics.infrastructure.log;

import com.tokyoia.analytics.application.port.QueryLog;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A query log that writes the entries no budget depends on (cache hits) on the server's executor,
 * so a hit does not wait for an INSERT: one task at a time drains what is waiting and writes it
 * in batches of up to {@link #BATCH}, one transaction each, so a burst of hits costs a commit per
 * batch rather than per hit. At most {@code maxPending} wait at once; beyond that, or when the
 * executor refuses (the server stopping), entries are written on the caller's thread: slower,
 * never lost. A batch the database refuses is written again entry by entry, so one bad entry
 * loses only itself. What waits is in memory: a server killed loses at most those entries.
 */
public final class BackgroundQueryLog implements QueryLog {
    static final int BATCH = 200;
    private static final Logger LOG = Logger.getLogger(BackgroundQueryLog.class.getName());

    private final QueryLog log;
    private final Executor executor;
    private final Semaphore pending;
    private final Queue<Entry> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    public BackgroundQueryLog(QueryLog log, Executor executor, int maxPending) {
        this.log = log;
        this.executor = executor;
        this.pending = new Semaphore(maxPending);
    }

    @Override
    public void recordLater(Entry entry) throws SQLException {
        if (!pending.tryAcquire()) {
            log.record(entry);
            return;
        }
        waiting.add(entry);
        startDraining();
    }

    private void startDraining() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain();
        }
    }

    private void drain() {
        try {
            List<Entry> batch = take();
            while (!batch.isEmpty()) {
                write(batch);
                batch = take();
            }
        } finally {
            draining.set(false);
        }
        // An entry queued after the last take() but before the flag was cleared found a drain running.
        if (!waiting.isEmpty()) {
            startDraining();
        }
    }

    private List<Entry> take() {
        List<Entry> batch = new ArrayList<>();
        Entry entry;
        while (batch.size() < BATCH && (entry = waiting.poll()) != null) {
            batch.add(entry);
        }
        return batch;
    }

    private void write(List<Entry> batch) {
        try {
            log.recordAll(batch);
        } catch (SQLException | RuntimeException refused) {
            for (Entry entry : batch) {
                try {
                    log.record(entry);
                } catch (SQLException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not write the analytics query log entry of " + entry.query() + " " + entry.parameters(), e);
                }
            }
        } finally {
            pending.release(batch.size());
        }
    }

    @Override
    public void record(Entry entry) throws SQLException {
        log.record(entry);
    }

    @Override
    public BigDecimal spentSince(LocalDate day) throws SQLException {
        return log.spentSince(day);
    }

    @Override
    public BigDecimal spentSince(LocalDate day, Payer payer, String name) throws SQLException {
        return log.spentSince(day, payer, name);
    }

    @Override
    public List<Map<String, Object>> costs(LocalDate from, LocalDate to) throws SQLException {
        return log.costs(from, to);
    }

    @Override
    public List<Map<String, Object>> costsBy(Payer payer, LocalDate from, LocalDate to) throws SQLException {
        return log.costsBy(payer, from, to);
    }
}
