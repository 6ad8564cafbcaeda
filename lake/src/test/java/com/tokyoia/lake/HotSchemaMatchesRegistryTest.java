package com.tokyoia.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.domain.schema.LakeType;
import com.tokyoia.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lake schema registry against the hot tables the real migrations create on the test
 * PostgreSQL: a migration cannot drift from the lake silently.
 */
class HotSchemaMatchesRegistryTest {

    @Test
    void everyRegistryColumnExistsWithTheSameTypeAndNullability() throws SQLException {
        for (LakeTable table : LakeSchemaRegistry.tables()) {
            Map<String, String[]> live = liveColumns(table.name());
            assertThat(live).as(table.name() + " exists").isNotEmpty();
            for (LakeColumn column : table.columns()) {
                String[] actual = live.get(column.name());
                assertThat(actual).as(table.name() + "." + column.name() + " exists").isNotNull();
                assertThat(actual[0]).as(table.name() + "." + column.name() + " type").isEqualTo(column.type().postgresType());
                assertThat(actual[1]).as(table.name() + "." + column.name() + " nullable")
                        .isEqualTo(column.nullable() ? "YES" : "NO");
                if (column.type() == LakeType.DECIMAL) {
                    assertThat(actual[2]).isEqualTo(column.precision() + "," + column.scale());
                }
            }
        }
    }

    private static Map<String, String[]> liveColumns(String table) throws SQLException {
        Map<String, String[]> columns = new LinkedHashMap<>();
        try (Connection c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, is_nullable, numeric_precision, numeric_scale "
                     + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3), rs.getInt(4) + "," + rs.getInt(5)});
                }
            }
        }
        return columns;
    }
}
