package com.tokyoia.etl.infrastructure.migration;

import com.tokyoia.etl.application.port.LakeMigrationLog;
import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;

/** The migration log in PostgreSQL (lake_migration_copy); the switch updates export_manifest in the same transaction. */
public final class JdbcLakeMigrationLog implements LakeMigrationLog {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcLakeMigrationLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public State claim(ManifestEntry version, LakeLocation source, LakeLocation target, long executionId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO lake_migration_copy (manifest_id, target_uri, target_catalog, execution_id, table_name, day, version, "
                        + "source_uri, bytes, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?) "
                        + "ON CONFLICT (manifest_id, target_uri) DO UPDATE SET execution_id = excluded.execution_id, "
                        + "target_catalog = excluded.target_catalog, source_uri = excluded.source_uri, updated_at = excluded.updated_at, "
                        + "state = CASE WHEN lake_migration_copy.state IN ('FAILED', 'MOVED') THEN 'PLANNED' ELSE lake_migration_copy.state END, "
                        + "error_message = NULL RETURNING state")) {
            ps.setLong(1, version.id());
            ps.setString(2, target.root());
            ps.setString(3, catalog(target));
            ps.setLong(4, executionId);
            ps.setString(5, version.table());
            ps.setObject(6, version.day());
            ps.setInt(7, version.version());
            ps.setString(8, source.root());
            ps.setLong(9, version.bytes() == null ? 0 : version.bytes());
            ps.setTimestamp(10, now());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return State.valueOf(rs.getString(1));
            }
        }
    }

    @Override
    public void verified(long manifestId, LakeLocation target) throws SQLException {
        update("UPDATE lake_migration_copy SET state = 'VERIFIED', error_message = NULL, updated_at = ? WHERE manifest_id = ? "
                + "AND target_uri = ?", now(), manifestId, target.root());
    }

    @Override
    public boolean switched(long manifestId, LakeLocation source, LakeLocation target, StoredObject atTarget) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int moved;
                try (PreparedStatement ps = c.prepareStatement("UPDATE export_manifest SET previous_store_kind = ?, "
                        + "previous_store_uri = ?, previous_lake_catalog = ?, store_kind = ?, store_uri = ?, lake_catalog = ?, updated_at = ?, "
                        + "storage_class = ?, etag = ?, restored_until = NULL "
                        + "WHERE id = ? AND status IN ('VALIDATED', 'PURGED') AND (store_uri IS NULL OR store_uri = ?) AND EXISTS ("
                        + "SELECT 1 FROM lake_migration_copy l WHERE l.manifest_id = export_manifest.id AND l.target_uri = ? "
                        + "AND l.state = 'VERIFIED')")) {
                    ps.setString(1, source.store());
                    ps.setString(2, source.root());
                    ps.setString(3, source.catalog());
                    ps.setString(4, target.store());
                    ps.setString(5, target.root());
                    ps.setString(6, catalog(target));
                    ps.setTimestamp(7, now());
                    ps.setString(8, atTarget.storageClass());
                    ps.setString(9, atTarget.etag());
                    ps.setLong(10, manifestId);
                    ps.setString(11, source.root());
                    ps.setString(12, target.root());
                    moved = ps.executeUpdate();
                }
                if (moved == 1) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE lake_migration_copy SET state = 'MOVED', updated_at = ? "
                            + "WHERE manifest_id = ? AND target_uri = ?")) {
                        ps.setTimestamp(1, now());
                        ps.setLong(2, manifestId);
                        ps.setString(3, target.root());
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return moved == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** One key for every migration: pg_advisory_lock's two-int form, namespace 7117 ("lake"), 1 (migration). */
    @Override
    public AutoCloseable exclusive() throws SQLException {
        Connection c = dataSource.getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(7117, 1)"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new IllegalStateException("another lake migration runs (it holds the migration lock); wait for it to end");
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return () -> {
            try (Connection held = c; PreparedStatement ps = held.prepareStatement("SELECT pg_advisory_unlock(7117, 1)")) {
                ps.execute();
            }
        };
    }

    @Override
    public void failed(long manifestId, LakeLocation target, String error) throws SQLException {
        // A copy already proven stays proven: only publishing or the switch failed, and a new attempt need not copy again.
        update("UPDATE lake_migration_copy SET state = CASE WHEN state = 'VERIFIED' THEN 'VERIFIED' ELSE 'FAILED' END, "
                + "error_message = ?, updated_at = ? WHERE manifest_id = ? AND target_uri = ?", error.substring(0, Math.min(error.length(), 4000)),
                now(), manifestId, target.root());
    }

    @Override
    public Progress progress(long executionId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), count(*) FILTER (WHERE state = 'MOVED'), count(*) FILTER (WHERE state <> 'MOVED' AND error_message IS NOT NULL), "
                        + "coalesce(sum(bytes) FILTER (WHERE state = 'MOVED'), 0), coalesce(sum(bytes), 0) "
                        + "FROM lake_migration_copy WHERE execution_id = ?")) {
            ps.setLong(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Progress(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    private static String catalog(LakeLocation target) {
        return target.catalog() == null ? "none" : target.catalog();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
