package com.tokyoia.etl.infrastructure.lock;

import com.tokyoia.etl.application.port.ExportLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * A PostgreSQL advisory lock per (table, day), held on its own connection for the whole export:
 * two exports of the same day never run at once, on this node or any other sharing the database,
 * and a dead node's lock goes with its connection.
 */
public final class PostgresExportLocks implements ExportLocks {
    private static final String KEY = "hashtext('tokyoia-export'), hashtext(?)";
    private final DataSource dataSource;

    public PostgresExportLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Held acquire(String table, LocalDate day) throws SQLException {
        String name = table + "/" + day;
        Connection connection = dataSource.getConnection();
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new ExportInProgressException(table, day);
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(" + KEY + ")")) {
                ps.setString(1, name);
                ps.execute();
            } finally {
                connection.close();
            }
        };
    }
}
