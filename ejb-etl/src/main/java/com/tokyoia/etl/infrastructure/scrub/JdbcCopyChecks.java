package com.tokyoia.etl.infrastructure.scrub;

import com.tokyoia.etl.application.port.CopyChecks;
import com.tokyoia.lake.domain.lifecycle.StorageClass;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Copy checks in PostgreSQL (table lake_copy_checks, beside export_manifest). */
public final class JdbcCopyChecks implements CopyChecks {
    /**
     * Each (table, day)'s current proven version whose object the store serves as it is: archived
     * copies would need a restore (and its price) to be read, and a missing one is already announced.
     */
    private static final String CURRENT_READABLE = "SELECT DISTINCT ON (table_name, day) id, table_name, day, version, bytes, status, "
            + "storage_class FROM export_manifest WHERE status IN " + JdbcManifest.PROVEN + " AND day >= ? AND day <= ? ORDER BY table_name, day, version DESC";
    /** Archived versions are left out even while a restored copy lasts: the scrub reads what stays readable. */
    private static final String READABLE = "m.status <> 'ARCHIVED' AND upper(coalesce(m.storage_class, 'STANDARD')) NOT IN ("
            + Arrays.stream(StorageClass.values()).filter(c -> !c.directlyReadable()).map(c -> "'" + c.name() + "'")
                    .collect(Collectors.joining(", ")) + ")";

    private final DataSource dataSource;

    public JdbcCopyChecks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Due> leastRecentlyChecked(LocalDate from, LocalDate to, int limit) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT m.id, m.table_name, m.day, "
                + "m.version, coalesce(m.bytes, 0), k.checked_at FROM (" + CURRENT_READABLE + ") m "
                + "LEFT JOIN lake_copy_checks k ON k.manifest_id = m.id WHERE " + READABLE
                + " ORDER BY k.checked_at NULLS FIRST, m.day, m.table_name LIMIT ?")) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp checked = rs.getTimestamp(6);
                    due.add(new Due(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getInt(4), rs.getLong(5),
                            Optional.ofNullable(checked).map(Timestamp::toInstant)));
                }
            }
        }
        return due;
    }

    @Override
    public void record(long manifestId, Instant at, Outcome outcome) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO lake_copy_checks (manifest_id, checked_at, outcome) VALUES (?, ?, ?) "
                        + "ON CONFLICT (manifest_id) DO UPDATE SET checked_at = EXCLUDED.checked_at, outcome = EXCLUDED.outcome")) {
            ps.setLong(1, manifestId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, outcome.name());
            ps.executeUpdate();
        }
    }

    @Override
    public Coverage coverage(LocalDate from, LocalDate to) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*), "
                + "count(*) FILTER (WHERE k.checked_at IS NULL), min(k.checked_at) FROM (" + CURRENT_READABLE + ") m "
                + "LEFT JOIN lake_copy_checks k ON k.manifest_id = m.id WHERE " + READABLE)) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp oldest = rs.getTimestamp(3);
                return new Coverage(rs.getInt(1), rs.getInt(2), Optional.ofNullable(oldest).map(Timestamp::toInstant));
            }
        }
    }
}
