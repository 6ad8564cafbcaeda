package com.tokyoia.analytics.infrastructure.manifest;

import com.tokyoia.analytics.application.port.ManifestView;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The manifest's current versions kept in memory, exact as long as PostgreSQL's notifications
 * arrive: one connection LISTENs on {@code tokyoia_manifest} (announced by a trigger on every
 * manifest change, at commit), and each notification starts a new generation, in which every range
 * is read again. An entry is kept under the generation seen before it was read, so a change that
 * commits while it is being read makes it stale at once. While the listening connection is down
 * (PostgreSQL restarted, the connection killed) nothing is kept: every question reads the manifest,
 * as it would without this view, until listening resumes.
 */
public final class ListeningManifestView implements ManifestView, AutoCloseable {
    static final String CHANNEL = "tokyoia_manifest";
    /** The listening connection's name in pg_stat_activity. */
    public static final String APPLICATION_NAME = "tokyoia-manifest-listener";
    private static final Logger LOG = Logger.getLogger(ListeningManifestView.class.getName());
    private static final int MAX_RANGES = 512;
    /** How long one wait for notifications lasts: also how soon the listener sees that the view is closed. */
    private static final int WAIT_MILLIS = 1_000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final ManifestView manifest;
    private final AtomicLong generation = new AtomicLong();
    private final Map<Range, Kept> kept = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Range, Kept> eldest) {
            return size() > MAX_RANGES;
        }
    };
    private final Thread listener;
    private volatile boolean listening;
    private volatile boolean closed;

    private record Range(String table, LocalDate from, LocalDate to) {
    }

    private record Kept(long generation, List<ManifestEntry> entries) {
    }

    /**
     * @param dataSource where the listening connection comes from (it holds one for as long as the view lives)
     * @param manifest   the manifest read on a miss
     * @param threads    the thread that listens (the server's managed thread factory)
     */
    public ListeningManifestView(DataSource dataSource, ManifestView manifest, ThreadFactory threads) {
        this.dataSource = dataSource;
        this.manifest = manifest;
        this.listener = threads.newThread(this::listen);
        listener.setName("tokyoia-manifest-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public List<ManifestEntry> currentVersions(String table, LocalDate from, LocalDate to) throws SQLException {
        if (!listening) {
            return manifest.currentVersions(table, from, to);
        }
        Range range = new Range(table, from, to);
        long seen = generation.get();
        synchronized (kept) {
            Kept entry = kept.get(range);
            if (entry != null && entry.generation() == seen) {
                return entry.entries();
            }
        }
        List<ManifestEntry> entries = List.copyOf(manifest.currentVersions(table, from, to));
        synchronized (kept) {
            kept.put(range, new Kept(seen, entries));
        }
        return entries;
    }

    /** Whether changes are being heard (else every read goes to the manifest). */
    public boolean isListening() {
        return listening;
    }

    /** Starts a new generation at every change heard, and whenever listening starts or stops (a change may have been missed). */
    public long generation() {
        return generation.get();
    }

    private void listen() {
        Duration backoff = Duration.ofSeconds(1);
        boolean warned = false;
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    // Named, so an operator sees in pg_stat_activity what this long-lived connection is.
                    s.execute("SET application_name = '" + APPLICATION_NAME + "'");
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                generation.incrementAndGet();
                listening = true;
                if (warned) {
                    LOG.info("Listening to manifest changes again: the router's manifest view is kept in memory again");
                    warned = false;
                }
                backoff = Duration.ofSeconds(1);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        generation.incrementAndGet();
                    }
                }
                listening = false;
                try (Statement s = c.createStatement()) {
                    // The connection goes back to the server's pool: it must not carry on listening there.
                    s.execute("UNLISTEN *");
                    s.execute("RESET application_name");
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                generation.incrementAndGet();
                if (closed) {
                    return;
                }
                if (!warned) {
                    LOG.log(Level.WARNING, "Not listening to manifest changes (" + e.getMessage() + "): the router reads the "
                            + "manifest for every question until listening resumes (retrying, at most every " + MAX_BACKOFF.toSeconds()
                            + " s)");
                    warned = true;
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                listening = false;
            }
        }
    }

    /** Waits before listening again, in steps that notice the view being closed. */
    private void sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (!closed && System.nanoTime() < until) {
                Thread.sleep(Math.min(WAIT_MILLIS, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops listening; the listener notices within one wait and gives its connection back. */
    @Override
    public void close() {
        closed = true;
        listening = false;
        try {
            listener.join(2L * WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
