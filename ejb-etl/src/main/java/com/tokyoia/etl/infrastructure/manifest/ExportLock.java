package com.tokyoia.etl.infrastructure.manifest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * A PostgreSQL advisory lock per (table, day), held for the whole export: two exports of the same
 * day never run at once, on this node or any other sharing the database.
 */
public final class ExportLock implements AutoCloseable {
    private final Connection connection;
    private final String table;
    private final LocalDate day;

    private ExportLock(Connection connection, String table, LocalDate day) {
        this.connection = connection;
        this.table = table;
        this.day = day;
    }

    /** The lock, or an {@link ExportInProgressException} when another export of the day holds it. */
    public static ExportLock acquire(DataSource dataSource, String table, LocalDate day) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext('tokyoia-export'), hashtext(?))")) {
            ps.setString(1, table + "/" + day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    connection.close();
                    throw new ExportInProgressException(table, day);
                }
            }
            return new ExportLock(connection, table, day);
        } catch (SQLException | RuntimeException e) {
            if (!connection.isClosed()) {
                connection.close();
            }
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext('tokyoia-export'), hashtext(?))")) {
            ps.setString(1, table + "/" + day);
            ps.execute();
        } finally {
            connection.close();
        }
    }

    public static final class ExportInProgressException extends RuntimeException {
        public ExportInProgressException(String table, LocalDate day) {
            super("an export of " + table + " " + day + " is already running");
        }
    }
}
