package com.tokyoia.etl.infrastructure.progress;

import com.tokyoia.etl.application.port.ExportProgressLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Export progress in PostgreSQL (export_progress, one row per manifest version, removed with it).
 * Rows only grow (a late report never lowers the count); a version counts as streaming until it is
 * proven and current, EXPORTED included (between its proof and its catalog step).
 */
public final class JdbcExportProgressLog implements ExportProgressLog {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcExportProgressLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public void record(long manifestId, long rows, long expectedRows) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO export_progress (manifest_id, rows_streamed, rows_expected, updated_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (manifest_id) DO UPDATE SET rows_streamed = greatest(export_progress.rows_streamed, excluded.rows_streamed), "
                        + "rows_expected = excluded.rows_expected, updated_at = excluded.updated_at")) {
            ps.setLong(1, manifestId);
            ps.setLong(2, rows);
            if (expectedRows < 0) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, expectedRows);
            }
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
    }

    @Override
    public Streaming streaming(long executionId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(sum(p.rows_streamed), 0), coalesce(sum(greatest(p.rows_expected, p.rows_streamed)), 0) "
                        + "FROM export_progress p JOIN export_manifest m ON m.id = p.manifest_id "
                        + "WHERE m.execution_id = ? AND m.status IN ('EXPORTING', 'EXPORTED')")) {
            ps.setLong(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Streaming(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
