package com.tokyoia.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Direct JDBC to the test database, to check what the API really stored (or did not). */
final class Db {
    static final String URL = System.getenv().getOrDefault("TOKYOIA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_test");
    static final String[] HOT_TABLES = {"agents", "workflows", "agent_tasks", "agent_metrics", "agent_interactions", "user_sessions"};

    private Db() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, System.getenv().getOrDefault("TOKYOIA_DB_USER", "postgres"),
                System.getenv().getOrDefault("TOKYOIA_DB_PASSWORD", ""));
    }

    static long count(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String string(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row counts of every hot table: equal before and after means nothing was written. */
    static Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : HOT_TABLES) {
            counts.put(table, count("SELECT count(*) FROM " + table));
        }
        counts.put("max(updated_at)", count("SELECT coalesce(max(extract(epoch FROM updated_at) * 1000000), 0)::bigint FROM ("
                + "SELECT updated_at FROM agents UNION ALL SELECT updated_at FROM workflows UNION ALL "
                + "SELECT updated_at FROM agent_tasks UNION ALL SELECT updated_at FROM user_sessions) u"));
        return counts;
    }
}
