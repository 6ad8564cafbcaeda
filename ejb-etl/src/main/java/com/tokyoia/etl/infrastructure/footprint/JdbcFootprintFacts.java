package com.tokyoia.etl.infrastructure.footprint;

import com.tokyoia.etl.application.footprint.LakeCopies;
import com.tokyoia.etl.application.footprint.LakeObjects;
import com.tokyoia.etl.application.footprint.PostgresTable;
import com.tokyoia.etl.application.port.FootprintFacts;
import com.tokyoia.lake.domain.lifecycle.StorageClass;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The footprint from PostgreSQL's catalog and the export manifest. Row counts are the live-row
 * counts of PostgreSQL's statistics (kept current with every commit, unlike the planner's estimate,
 * which waits for an ANALYZE): no table is scanned.
 */
public final class JdbcFootprintFacts implements FootprintFacts {
    private static final String TABLES = "SELECT t.name, coalesce(sum(pg_total_relation_size(p.relid)), 0), coalesce(sum(s.n_live_tup), 0) "
            + "FROM unnest(?::text[]) WITH ORDINALITY AS t(name, n) "
            // A plain table has no partition tree: it is its own only member.
            + "CROSS JOIN LATERAL (SELECT relid FROM pg_partition_tree(t.name::regclass) UNION SELECT t.name::regclass) AS p(relid) "
            + "LEFT JOIN pg_stat_user_tables s ON s.relid = p.relid GROUP BY t.name, t.n ORDER BY t.n";

    private final DataSource dataSource;

    public JdbcFootprintFacts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<PostgresTable> postgresTables(List<String> tables) {
        List<PostgresTable> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement statement = c.prepareStatement(TABLES)) {
            statement.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(new PostgresTable(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL table sizes: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public List<LakeObjects> lakeObjects() {
        // Keyed by the class as the application reads it: no class yet and S3's other instant classes count as STANDARD.
        Map<String, Map<StorageClass, long[]>> byTable = new TreeMap<>();
        query("SELECT table_name, storage_class, count(*), coalesce(sum(bytes), 0) FROM export_manifest "
                + "WHERE object_key IS NOT NULL AND removed_at IS NULL AND status IN " + JdbcManifest.STORED + " GROUP BY table_name, storage_class", rs -> {
                    long[] sum = byTable.computeIfAbsent(rs.getString(1), t -> new EnumMap<>(StorageClass.class))
                            .computeIfAbsent(StorageClass.of(rs.getString(2)), k -> new long[2]);
                    sum[0] += rs.getLong(3);
                    sum[1] += rs.getLong(4);
                });
        List<LakeObjects> out = new ArrayList<>();
        byTable.forEach((table, classes) -> classes.forEach((storageClass, sum) -> out.add(new LakeObjects(table, storageClass, sum[0], sum[1]))));
        return out;
    }

    @Override
    public List<LakeCopies> currentCopies() {
        List<LakeCopies> out = new ArrayList<>();
        query("SELECT table_name, count(*), coalesce(sum(row_count), 0), coalesce(sum(bytes), 0), "
                + "coalesce(sum(row_count) FILTER (WHERE purged_at IS NOT NULL), 0) FROM ("
                + "SELECT DISTINCT ON (table_name, day) table_name, row_count, bytes, purged_at FROM export_manifest "
                + "WHERE status IN " + JdbcManifest.PROVEN + " ORDER BY table_name, day, version DESC) AS current "
                + "GROUP BY table_name ORDER BY table_name",
                rs -> out.add(new LakeCopies(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))));
        return out;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement statement = c.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export_manifest: " + e.getMessage(), e);
        }
    }
}
