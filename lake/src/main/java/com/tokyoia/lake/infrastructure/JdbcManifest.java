package com.tokyoia.lake.infrastructure;

import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ManifestStatus;
import com.tokyoia.lake.domain.manifest.ValidatedCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The export manifest in PostgreSQL (table export_manifest) through plain JDBC, one short transaction per call. */
public final class JdbcManifest implements Manifest {
    private static final String COLUMNS = "id, table_name, day, version, status, row_count, bytes, column_sizes, "
            + "content_checksum, sha256, object_key, etag, storage_class, error_message, execution_id, created_at, "
            + "exported_at, validated_at, updated_at, restored_until, store_kind, store_uri, lake_catalog, "
            + "previous_store_kind, previous_store_uri, previous_lake_catalog, damage, damage_found_at";
    /** The statuses of a proven copy, as an SQL list (other readers of export_manifest use it too). */
    public static final String PROVEN = "('VALIDATED', 'PURGED', 'ARCHIVED')";
    /** The statuses whose version has an object in the store (proven, or written and not yet published). */
    public static final String STORED = "('EXPORTED', 'VALIDATED', 'PURGED', 'ARCHIVED')";
    private final DataSource dataSource;
    private final Clock clock;
    private final LakeLocation writesTo;

    /** A manifest whose new copies record no location (readers, tests). */
    public JdbcManifest(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    /** A manifest whose copies are written to {@code writesTo}, which each exported and each proven version records. */
    public JdbcManifest(DataSource dataSource, Clock clock, LakeLocation writesTo) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.writesTo = writesTo;
    }

    @Override
    public Optional<ManifestEntry> latest(String table, LocalDate day) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM export_manifest WHERE table_name = ? AND day = ? "
                + "ORDER BY version DESC LIMIT 1", table, day).stream().findFirst();
    }

    @Override
    public Optional<ManifestEntry> current(String table, LocalDate day) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM export_manifest WHERE table_name = ? AND day = ? AND status IN " + PROVEN
                + " ORDER BY version DESC LIMIT 1", table, day).stream().findFirst();
    }

    @Override
    public Optional<ManifestEntry> begin(String table, LocalDate day, long executionId, boolean newVersion) throws SQLException {
        Optional<ManifestEntry> latest = latest(table, day);
        if (latest.isPresent() && latest.get().isProven() && !newVersion) {
            return Optional.empty();
        }
        Timestamp at = now();
        if (latest.isPresent() && !latest.get().isProven()) {
            return query("UPDATE export_manifest SET status = 'EXPORTING', execution_id = ?, error_message = NULL, updated_at = ? "
                    + "WHERE id = ? RETURNING " + COLUMNS, executionId, at, latest.get().id()).stream().findFirst();
        }
        int version = latest.map(r -> r.version() + 1).orElse(1);
        return query("INSERT INTO export_manifest (table_name, day, version, status, execution_id, created_at, updated_at) "
                + "VALUES (?, ?, ?, 'EXPORTING', ?, ?, ?) RETURNING " + COLUMNS, table, day, version, executionId, at, at)
                .stream().findFirst();
    }

    @Override
    public void markExported(long id, ValidatedCopy copy) throws SQLException {
        Timestamp now = now();
        update("UPDATE export_manifest SET status = 'EXPORTED', row_count = ?, bytes = ?, column_sizes = ?, "
                        + "content_checksum = ?, sha256 = ?, object_key = ?, etag = ?, storage_class = ?, exported_at = ?, "
                        + "error_message = NULL, updated_at = ?, store_kind = ?, store_uri = ? WHERE id = ?",
                copy.rows(), copy.bytes(), copy.columnSizesJson(), copy.contentChecksum(), copy.sha256(), copy.objectKey(),
                copy.etag(), copy.storageClass(), Timestamp.from(copy.exportStartedAt()), now,
                writesTo == null ? null : writesTo.store(), writesTo == null ? null : writesTo.root(), id);
    }

    @Override
    public void markValidated(long id) throws SQLException {
        Timestamp now = now();
        int changed = updateCount("UPDATE export_manifest SET status = 'VALIDATED', validated_at = ?, error_message = NULL, "
                + "updated_at = ?, lake_catalog = ? WHERE id = ? AND sha256 IS NOT NULL AND status IN ('EXPORTING', 'EXPORTED')",
                now, now, writesTo == null ? null : writesTo.catalog(), id);
        if (changed != 1) {
            throw new IllegalStateException("manifest entry " + id + " has no proven copy to make current");
        }
    }

    @Override
    public void markFailed(long id, String error) throws SQLException {
        update("UPDATE export_manifest SET status = 'FAILED', error_message = ?, updated_at = ? WHERE id = ?",
                error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 4000)), now(), id);
    }

    @Override
    public Optional<LocalDate> lastProvenDay(String table, LocalDate before) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT max(day) FROM export_manifest WHERE table_name = ? "
                     + "AND day < ? AND status IN " + PROVEN)) {
            ps.setString(1, table);
            ps.setObject(2, before);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getObject(1, LocalDate.class));
            }
        }
    }

    @Override
    public List<ManifestEntry> latestVersions(String table, LocalDate from, LocalDate to) throws SQLException {
        String sql = "SELECT DISTINCT ON (table_name, day) " + COLUMNS + " FROM export_manifest WHERE day >= ? AND day <= ?"
                + (table == null ? "" : " AND table_name = ?") + " ORDER BY table_name, day, version DESC";
        return table == null ? query(sql, from, to) : query(sql, from, to, table);
    }

    @Override
    public List<ManifestEntry> currentVersions(String table, LocalDate from, LocalDate to) throws SQLException {
        String sql = "SELECT DISTINCT ON (table_name, day) " + COLUMNS + " FROM export_manifest WHERE day >= ? AND day <= ?"
                + " AND status IN " + PROVEN + (table == null ? "" : " AND table_name = ?") + " ORDER BY table_name, day, version DESC";
        return table == null ? query(sql, from, to) : query(sql, from, to, table);
    }

    @Override
    public List<ManifestEntry> forExecution(long executionId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM export_manifest WHERE execution_id = ? ORDER BY table_name, day", executionId);
    }

    @Override
    public List<ManifestEntry> supersededBefore(Instant before) throws SQLException {
        return query("SELECT " + COLUMNS.replaceAll("(^|, )", "$1old.") + " FROM export_manifest old WHERE old.status = 'VALIDATED' "
                + "AND EXISTS (SELECT 1 FROM export_manifest newer WHERE newer.table_name = old.table_name AND newer.day = old.day "
                + "AND newer.version > old.version AND newer.status IN " + PROVEN + " AND newer.validated_at < ?) "
                + "ORDER BY old.table_name, old.day, old.version", Timestamp.from(before));
    }

    @Override
    public void markRemoved(long id) throws SQLException {
        Timestamp now = now();
        update("UPDATE export_manifest SET status = 'REMOVED', removed_at = ?, updated_at = ? WHERE id = ? AND status = 'VALIDATED'",
                now, now, id);
    }

    @Override
    public void markStorage(long id, String storageClass, Instant restoredUntil, Instant checkedAt) throws SQLException {
        update("UPDATE export_manifest SET storage_class = ?, restored_until = ?, storage_checked_at = ?, updated_at = ? WHERE id = ?",
                storageClass, restoredUntil == null ? null : Timestamp.from(restoredUntil), Timestamp.from(checkedAt), now(), id);
    }

    @Override
    public void markDamaged(long id, String damage, Instant foundAt) throws SQLException {
        String recorded = damage.substring(0, Math.min(damage.length(), 4000));
        // The first finding's time stays: deep verify and retention word the same damage differently.
        update("UPDATE export_manifest SET damage = ?, damage_found_at = coalesce(damage_found_at, ?), updated_at = ? "
                + "WHERE id = ? AND damage IS DISTINCT FROM ?", recorded, Timestamp.from(foundAt), now(), id, recorded);
    }

    @Override
    public void markWhole(long id) throws SQLException {
        update("UPDATE export_manifest SET damage = NULL, damage_found_at = NULL, updated_at = ? WHERE id = ? AND damage IS NOT NULL",
                now(), id);
    }

    @Override
    public void markRestoreRequested(long id, String tier, Instant at) throws SQLException {
        update("UPDATE export_manifest SET restore_requested_at = ?, restore_tier = ?, updated_at = ? WHERE id = ?",
                Timestamp.from(at), tier, now(), id);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private void update(String sql, Object... params) throws SQLException {
        updateCount(sql, params);
    }

    private int updateCount(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private List<ManifestEntry> query(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<ManifestEntry> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ManifestEntry(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getInt(4),
                            ManifestStatus.valueOf(rs.getString(5)), (Long) rs.getObject(6), (Long) rs.getObject(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                            rs.getString(13), rs.getString(14), (Long) rs.getObject(15), instant(rs, 16), instant(rs, 17),
                            instant(rs, 18), instant(rs, 19), instant(rs, 20), rs.getString(21), rs.getString(22), rs.getString(23),
                            rs.getString(24), rs.getString(25), rs.getString(26), rs.getString(27), instant(rs, 28)));
                }
            }
            return rows;
        }
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        Timestamp ts = rs.getTimestamp(index);
        return ts == null ? null : ts.toInstant();
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
