package com.tokyoia.persistence.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the application's database role may do, given by the schema's owner after every migration
 * (so tables a migration adds are covered at once): read and write the application's rows, and
 * nothing else. No DDL (partitions come and go through the owner's SECURITY DEFINER functions), no
 * change to the audit log once written, no change to the migration history. Idempotent, and
 * serialized across nodes.
 */
public final class DatabaseGrants {
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseGrants() {
    }

    /** Grants the application role its rights; false when that role does not exist (nothing to grant). */
    public static boolean grantApplicationRole(Connection owner, String appRole) throws SQLException {
        if (!ROLE_NAME.matcher(appRole).matches()) {
            throw new IllegalArgumentException("not a plain PostgreSQL role name: " + appRole);
        }
        if (!roleExists(owner, appRole)) {
            return false;
        }
        String role = "\"" + appRole + "\"";
        List<String> statements = List.of(
                "GRANT USAGE ON SCHEMA public TO " + role,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role,
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role,
                // Tables the owner creates later (day partitions, by its functions) get the same rights.
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + role,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO " + role,
                // Append-only: the audit trail is written and read, never rewritten.
                "REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM " + role,
                // Readiness reads the schema's version; only migrations write it.
                "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM " + role,
                "GRANT EXECUTE ON FUNCTION tokyoia_drop_day_partition(text, date) TO " + role,
                // Retention's only way to remove audit rows: a day the manifest marks purged (V16).
                "GRANT EXECUTE ON FUNCTION tokyoia_lock_audit_log() TO " + role,
                "GRANT EXECUTE ON FUNCTION tokyoia_delete_purged_audit_rows(date, integer) TO " + role);
        boolean autoCommit = owner.getAutoCommit();
        owner.setAutoCommit(false);
        try (Statement s = owner.createStatement()) {
            // Nodes starting together grant at once, and PostgreSQL refuses concurrent GRANTs on one
            // object ("tuple concurrently updated"): one node at a time, until this transaction ends.
            s.execute("SELECT pg_advisory_xact_lock(hashtext('tokyoia_database_grants'))");
            for (String sql : statements) {
                s.execute(sql);
            }
            owner.commit();
        } catch (SQLException | RuntimeException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(autoCommit);
        }
        return true;
    }

    static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
