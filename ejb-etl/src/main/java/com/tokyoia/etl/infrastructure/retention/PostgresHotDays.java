package com.tokyoia.etl.infrastructure.retention;

import com.tokyoia.etl.application.port.HotDays;
import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.etl.infrastructure.extract.DayExtractor;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Retention's side of PostgreSQL. A partitioned table's day leaves as its partition (detached and
 * dropped: no table-wide DELETE), under the partition-creation lock and an exclusive lock on the
 * partition, in the transaction that re-checks its content and marks the manifest entry PURGED.
 * A plain table's day is first locked row by row, re-checked and marked, then deleted in bounded
 * batches, each its own transaction.
 */
public final class PostgresHotDays implements HotDays {
    private static final Set<String> PARTITIONED = Set.of("agent_tasks", "agent_metrics", "agent_interactions");
    private static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** Rows that are not finished yet, per plain table: they may still change. */
    private static final Map<String, String> UNFINISHED = Map.of(
            "workflows", "status IN ('PENDING', 'RUNNING')",
            "user_sessions", "status = 'ACTIVE'");
    /** Hot rows that refer to a plain table's rows (and would refuse their deletion). */
    private static final Map<String, List<String>> REFERENCED_BY = Map.of(
            "workflows", List.of("agent_tasks.workflow_id", "agent_interactions.workflow_id"));
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration reimportKeep;

    /** {@code reimportKeep}: how long a day re-imported from the lake stays hot. */
    public PostgresHotDays(DataSource dataSource, Clock clock, Duration reimportKeep) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.reimportKeep = reimportKeep;
    }

    @Override
    public boolean partitioned(LakeTable table) {
        return PARTITIONED.contains(table.name());
    }

    @Override
    public List<LocalDate> heldBefore(LakeTable table, LocalDate cutoff) throws SQLException {
        return heldBetween(table, null, cutoff);
    }

    /** {@code from} null: every day before the cutoff. */
    @Override
    public List<LocalDate> heldBetween(LakeTable table, LocalDate from, LocalDate cutoff) throws SQLException {
        TreeSet<LocalDate> days = new TreeSet<>();
        try (Connection c = dataSource.getConnection()) {
            if (partitioned(table)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT child.relname FROM pg_inherits i "
                        + "JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent "
                        + "WHERE parent.relname = ?")) {
                    ps.setString(1, table.name());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String suffix = rs.getString(1).substring(table.name().length() + 2);
                            LocalDate day = LocalDate.parse(suffix, PARTITION_DAY);
                            if (day.isBefore(cutoff) && (from == null || !day.isBefore(from))) {
                                days.add(day);
                            }
                        }
                    }
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT (" + table.dayColumn() + " AT TIME ZONE 'UTC')::date "
                        + "FROM " + table.name() + " WHERE " + table.dayColumn() + " < ? AND " + table.dayColumn() + " >= ?")) {
                    ps.setTimestamp(1, Timestamp.from(cutoff.atStartOfDay(ZoneOffset.UTC).toInstant()));
                    if (from == null) {
                        ps.setObject(2, "-infinity", Types.OTHER);
                    } else {
                        ps.setTimestamp(2, Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            days.add(rs.getObject(1, LocalDate.class));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(days);
    }

    @Override
    public Optional<String> blockers(LakeTable table, LocalDate day) throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT max(reimported_at) FROM export_manifest WHERE table_name = ? "
                    + "AND day = ? AND reimported_at > ?")) {
                ps.setString(1, table.name());
                ps.setObject(2, day);
                ps.setTimestamp(3, Timestamp.from(clock.instant().minus(reimportKeep)));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getTimestamp(1) != null) {
                        reasons.add("re-imported from the lake at " + rs.getTimestamp(1).toInstant() + "; kept hot until "
                                + rs.getTimestamp(1).toInstant().plus(reimportKeep));
                    }
                }
            }
            String unfinished = UNFINISHED.get(table.name());
            if (unfinished != null) {
                long n = count(c, "SELECT count(*) FROM " + table.name() + " WHERE " + inDay(table) + " AND " + unfinished, day);
                if (n > 0) {
                    reasons.add(n + " " + table.name() + " rows are not finished (" + unfinished + "); the day stays until they are");
                }
            }
            for (String reference : REFERENCED_BY.getOrDefault(table.name(), List.of())) {
                String[] at = reference.split("\\.");
                long n = count(c, "SELECT count(*) FROM " + table.name() + " t WHERE " + inDay(table).replace(table.dayColumn(),
                        "t." + table.dayColumn()) + " AND EXISTS (SELECT 1 FROM " + at[0] + " r WHERE r." + at[1] + " = t.id)", day);
                if (n > 0) {
                    reasons.add(n + " " + table.name() + " rows are still referred to by " + at[0] + " in PostgreSQL");
                }
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    @Override
    public OptionalLong purge(LakeTable table, LocalDate day, String expectedChecksum, long manifestId, long executionId)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long rows;
                if (partitioned(table)) {
                    String partition = table.name() + "_p" + day.format(PARTITION_DAY);
                    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                        lock.setString(1, "tokyoia_partition:" + table.name());
                        lock.executeQuery().close();
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute("LOCK TABLE " + quote(partition) + " IN ACCESS EXCLUSIVE MODE");
                    }
                    SourceFacts facts = DayExtractor.facts(c, table, day);
                    rows = facts.rows();
                    if (!facts.checksum().equals(expectedChecksum)) {
                        c.rollback();
                        return OptionalLong.empty();
                    }
                    markPurged(c, manifestId, executionId);
                    // The schema owner's function (migration V10): the application's role has no DDL,
                    // and the function drops only a day this transaction marked purged.
                    try (PreparedStatement drop = c.prepareStatement("SELECT tokyoia_drop_day_partition(?, ?)")) {
                        drop.setString(1, table.name());
                        drop.setObject(2, day);
                        drop.executeQuery().close();
                    }
                } else {
                    if (appendOnly(table)) {
                        // No changes to audit rows exist to lock against (the role cannot make any): the
                        // owner's function blocks new ones until the mark commits (migration V16).
                        try (Statement s = c.createStatement()) {
                            s.executeQuery("SELECT tokyoia_lock_audit_log()").close();
                        }
                    } else {
                        // Locks the day's rows against changes until the mark commits.
                        count(c, "SELECT count(*) FROM (SELECT 1 FROM " + table.name() + " WHERE " + inDay(table) + " FOR UPDATE) locked",
                                day);
                    }
                    SourceFacts facts = DayExtractor.facts(c, table, day);
                    if (!facts.checksum().equals(expectedChecksum)) {
                        c.rollback();
                        return OptionalLong.empty();
                    }
                    rows = facts.rows();
                    markPurged(c, manifestId, executionId);
                }
                c.commit();
                return OptionalLong.of(rows);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public long deletePurgedRows(LakeTable table, LocalDate day, int batchRows) throws SQLException {
        long deleted = 0;
        // The audit trail is append-only for the application's role: the owner's function deletes a
        // purged day of it (migration V16).
        String sql = appendOnly(table) ? "SELECT tokyoia_delete_purged_audit_rows(?, " + batchRows + ")"
                : "DELETE FROM " + table.name() + " WHERE ctid IN (SELECT ctid FROM " + table.name() + " WHERE " + inDay(table)
                + " LIMIT " + batchRows + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            while (true) {
                int n;
                if (appendOnly(table)) {
                    ps.setObject(1, day);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n = rs.getInt(1);
                    }
                } else {
                    bindDay(ps, day);
                    n = ps.executeUpdate();
                }
                deleted += n;
                if (n < batchRows) {
                    return deleted;
                }
            }
        }
    }

    /** The application's role may only add to this table (DatabaseGrants). */
    private static boolean appendOnly(LakeTable table) {
        return table.name().equals(LakeSchemaRegistry.AUDIT_LOG.name());
    }

    private void markPurged(Connection c, long manifestId, long executionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE export_manifest SET status = 'PURGED', purged_at = ?, "
                + "purge_execution_id = ?, updated_at = ? WHERE id = ? AND status = 'VALIDATED'")) {
            Timestamp now = Timestamp.from(clock.instant());
            ps.setTimestamp(1, now);
            ps.setLong(2, executionId);
            ps.setTimestamp(3, now);
            ps.setLong(4, manifestId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("manifest entry " + manifestId + " is no longer the validated version; nothing purged");
            }
        }
    }

    private static String inDay(LakeTable table) {
        return table.dayColumn() + " >= ? AND " + table.dayColumn() + " < ?";
    }

    private static long count(Connection c, String sql, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindDay(ps, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void bindDay(PreparedStatement ps, LocalDate day) throws SQLException {
        ps.setTimestamp(1, Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
        ps.setTimestamp(2, Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    /** Table names come from the registry and the partition naming rule, never from a request. */
    private static String quote(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*") || LakeSchemaRegistry.table(identifier.replaceAll("_p\\d{8}$", "")).isEmpty()) {
            throw new IllegalArgumentException("not a lake table or day partition: " + identifier);
        }
        return "\"" + identifier + "\"";
    }
}
