package com.tokyoia.etl.infrastructure.manifest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The export manifest through plain JDBC (each call its own short transaction): the ETL must
 * commit manifest states at exact points of the export, independent of any surrounding work.
 */
public final class ManifestRepository {
    private static final String COLUMNS = "id, table_name, day, version, status, row_count, bytes, column_sizes, "
            + "content_checksum, sha256, object_key, etag, storage_class, error_message, execution_id, created_at, "
            + "exported_at, validated_at, updated_at";
    private final DataSource dataSource;

    public ManifestRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ManifestRow> latest(String table, LocalDate day) throws SQLException {
        List<ManifestRow> rows = query("SELECT " + COLUMNS + " FROM export_manifest WHERE table_name = ? AND day = ? "
                + "ORDER BY version DESC LIMIT 1", table, day);
        return rows.stream().findFirst();
    }

    /**
     * Opens the manifest row for an export attempt. Returns empty when the day is already proven and
     * no new version is asked for. An unfinished or failed attempt of the latest version is taken
     * over (same version, same object key: the retry overwrites, never adds).
     */
    public Optional<ManifestRow> begin(String table, LocalDate day, long executionId, boolean newVersion) throws SQLException {
        Optional<ManifestRow> latest = latest(table, day);
        if (latest.isPresent() && latest.get().isProven() && !newVersion) {
            return Optional.empty();
        }
        Timestamp at = Timestamp.from(Instant.now());
        if (latest.isPresent() && !latest.get().isProven()) {
            return query("UPDATE export_manifest SET status = 'EXPORTING', execution_id = ?, error_message = NULL, updated_at = ? "
                    + "WHERE id = ? RETURNING " + COLUMNS, executionId, at, latest.get().id()).stream().findFirst();
        }
        int version = latest.map(r -> r.version() + 1).orElse(1);
        return query("INSERT INTO export_manifest (table_name, day, version, status, execution_id, created_at, updated_at) "
                + "VALUES (?, ?, ?, 'EXPORTING', ?, ?, ?) RETURNING " + COLUMNS, table, day, version, executionId, at, at)
                .stream().findFirst();
    }

    /** The proof is complete: the manifest now claims this object. */
    public void markValidated(long id, long rows, long bytes, String columnSizesJson, String checksum, String sha256,
                              String key, String etag, String storageClass, Instant exportedAt) throws SQLException {
        Instant now = Instant.now();
        update("UPDATE export_manifest SET status = 'VALIDATED', row_count = ?, bytes = ?, column_sizes = ?, "
                        + "content_checksum = ?, sha256 = ?, object_key = ?, etag = ?, storage_class = ?, exported_at = ?, "
                        + "validated_at = ?, error_message = NULL, updated_at = ? WHERE id = ?",
                rows, bytes, columnSizesJson, checksum, sha256, key, etag, storageClass, Timestamp.from(exportedAt),
                Timestamp.from(now), Timestamp.from(now), id);
    }

    public void markFailed(long id, String error) throws SQLException {
        update("UPDATE export_manifest SET status = 'FAILED', error_message = ?, updated_at = ? WHERE id = ?",
                error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 4000)),
                Timestamp.from(Instant.now()), id);
    }

    /** The newest day of the table whose copy is proven, before {@code before}. */
    public Optional<LocalDate> lastProvenDay(String table, LocalDate before) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT max(day) FROM export_manifest WHERE table_name = ? "
                     + "AND day < ? AND status IN ('VALIDATED', 'PURGED', 'ARCHIVED')")) {
            ps.setString(1, table);
            ps.setObject(2, before);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getObject(1, LocalDate.class));
            }
        }
    }

    /** Latest version of every (table, day) in [from, to], optionally one table. */
    public List<ManifestRow> latestVersions(String table, LocalDate from, LocalDate to) throws SQLException {
        String sql = "SELECT DISTINCT ON (table_name, day) " + COLUMNS + " FROM export_manifest WHERE day >= ? AND day <= ?"
                + (table == null ? "" : " AND table_name = ?") + " ORDER BY table_name, day, version DESC";
        return table == null ? query(sql, from, to) : query(sql, from, to, table);
    }

    public List<ManifestRow> forExecution(long executionId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM export_manifest WHERE execution_id = ? ORDER BY table_name, day", executionId);
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        }
    }

    private List<ManifestRow> query(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<ManifestRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ManifestRow(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getInt(4),
                            rs.getString(5), (Long) rs.getObject(6), (Long) rs.getObject(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                            (Long) rs.getObject(15), instant(rs, 16), instant(rs, 17), instant(rs, 18), instant(rs, 19)));
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
