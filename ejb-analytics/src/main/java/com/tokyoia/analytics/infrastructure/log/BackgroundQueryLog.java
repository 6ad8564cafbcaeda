package com.tokyoia.analytics.infrastructure.log;

import com.tokyoia.analytics.application.port.QueryLog;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A query log that writes the entries no budget depends on (cache hits) on the server's executor,
 * so a hit does not wait for an INSERT. At most {@code maxPending} wait at once; beyond that, or
 * when the executor refuses (the server stopping), the entry is written on the caller's thread:
 * slower, never lost.
 */
public final class BackgroundQueryLog implements QueryLog {
    private static final Logger LOG = Logger.getLogger(BackgroundQueryLog.class.getName());

    private final QueryLog log;
    private final Executor executor;
    private final Semaphore pending;

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
        try {
            executor.execute(() -> {
                try {
                    log.record(entry);
                } catch (SQLException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not write the analytics query log", e);
                } finally {
                    pending.release();
                }
            });
        } catch (RejectedExecutionException e) {
            pending.release();
            log.record(entry);
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
