package com.tokyoia.persistence.partition;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Makes sure the day partitions a write needs exist, so an insert never fails for a missing
 * partition (for example a metric recorded for a past day). Runs outside the caller's transaction,
 * each call committing on its own, on a small pool of its own: creating a partition locks the parent
 * table, which must not stay locked for a whole request, and a request that holds a connection of
 * the main pool must never wait for a second one from it (enough of them at once and none gets one).
 * Days confirmed recently are remembered so the common case costs no connection at all.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class DayPartitions {
    public static final String AGENT_TASKS = "agent_tasks";
    public static final String AGENT_METRICS = "agent_metrics";
    public static final String AGENT_INTERACTIONS = "agent_interactions";
    private static final Duration REMEMBER_FOR = Duration.ofMinutes(10);
    /** Raised by tokyoia_ensure_day_partition for a purged day (migration V6). */
    private static final String PURGED_STATE = "TKP01";

    /** Not JTA: autocommit, outside whatever transaction the caller runs in. */
    @Resource(lookup = "java:jboss/datasources/TokyoIaPartitionDS")
    DataSource dataSource;
    @Inject
    Clock clock;

    private final Map<String, Instant> confirmed = new ConcurrentHashMap<>();

    /** @throws DayPurgedException for a day retention removed from PostgreSQL (late data is refused) */
    public void ensure(String table, Collection<LocalDate> days) {
        Instant now = clock.instant();
        // Only recent days are remembered: an old day may be purged by retention at any time.
        LocalDate rememberFrom = LocalDate.now(clock).minusDays(1);
        List<LocalDate> unconfirmed = days.stream().filter(day -> {
            Instant checkedAt = confirmed.get(table + "/" + day);
            return checkedAt == null || !checkedAt.plus(REMEMBER_FOR).isAfter(now);
        }).toList();
        if (unconfirmed.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ensure = connection.prepareStatement("SELECT tokyoia_ensure_day_partition(?, ?)")) {
            for (LocalDate day : unconfirmed) {
                String key = table + "/" + day;
                ensure.setString(1, table);
                ensure.setDate(2, Date.valueOf(day));
                try {
                    ensure.executeQuery().close();
                } catch (SQLException e) {
                    if (PURGED_STATE.equals(e.getSQLState())) {
                        throw new DayPurgedException(table, day);
                    }
                    throw e;
                }
                if (!day.isBefore(rememberFrom)) {
                    confirmed.put(key, now);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not ensure day partitions of " + table, e);
        }
    }

    /**
     * Creates partitions from today-daysBack to today+daysAhead, today being the application
     * clock's UTC day (not PostgreSQL's); returns how many were new.
     */
    public int ensureWindow(int daysBack, int daysAhead) {
        LocalDate today = LocalDate.now(clock);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ensure = connection.prepareStatement("SELECT tokyoia_ensure_partitions_between(?, ?)")) {
            ensure.setDate(1, Date.valueOf(today.minusDays(daysBack)));
            ensure.setDate(2, Date.valueOf(today.plusDays(daysAhead)));
            try (ResultSet rs = ensure.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not ensure the partition window", e);
        }
    }
}
