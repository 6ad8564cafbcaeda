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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A query log that writes the entries no budget depends on (cache hits) on the server's executor,
 * so a hit does not wait for an INSERT: one task at a time drains what is waiting and writes it
 * in batches of up to {@link #BATCH}, one transaction each, so a burst of hits costs a commit per
 * batch rather than per hit. At most {@code maxPending} wait at once; beyond that, or when the
 * executor refuses or fails (the server stopping), entries are written on the caller's thread: slower,
 * never lost. A batch the database refuses is written again entry by entry, so one bad entry
 * loses only itself (unless the database is unreachable: then the batch is lost with a warning, not
 * tried 200 times more). What waits is in memory: {@link #close()} writes it when the application
 * stops; a server killed loses at most those entries.
 */
public final class BackgroundQueryLog implements QueryLog, AutoCloseable {
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
        } catch (RuntimeException e) {
            // Refused (the server stopping) or broken: written here instead.
            drain();
        } catch (Error e) {
            // Never left marked as draining with nobody draining: the next entry tries again.
            draining.set(false);
            throw e;
        }
    }

    private void drain() {
        do {
            try {
                writeWaiting();
            } finally {
                draining.set(false);
            }
            // An entry queued after the last take() but before the flag was cleared found a drain running.
        } while (!waiting.isEmpty() && draining.compareAndSet(false, true));
    }

    private void writeWaiting() {
        for (List<Entry> batch = take(); !batch.isEmpty(); batch = take()) {
            write(batch);
        }
    }

    /** Writes what still waits, on the caller's thread (the application stopping). */
    @Override
    public void close() {
        writeWaiting();
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
            if (refused instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                LOG.log(Level.WARNING, "Could not write " + batch.size() + " analytics query log entries: the database is unreachable", e);
                return;
            }
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
