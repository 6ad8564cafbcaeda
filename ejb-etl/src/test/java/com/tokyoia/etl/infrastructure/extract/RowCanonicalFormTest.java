package com.tokyoia.etl.infrastructure.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The canonical row text is defined twice on purpose (Java over extracted values, SQL over
 * PostgreSQL's own rows); both must give the same text for the values that are easy to get wrong.
 */
class RowCanonicalFormTest {
    private static final UUID AGENT = UUID.fromString("00000000-0000-4000-8000-00000000c0de");

    private static String postgres(LakeTable table, String values) throws SQLException {
        String columns = String.join(", ", table.columnNames());
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + RowCanonicalForm.sqlExpression(table) + " FROM (VALUES " + values + ") AS t(" + columns + ")");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void doublesNegativeZeroNanAndNullsAgree() throws SQLException {
        LakeTable metrics = LakeSchemaRegistry.AGENT_METRICS;
        for (double value : new double[]{-0.0, 0.1, -1234.5678e-300, Double.MAX_VALUE, Double.NaN}) {
            String literal = Double.isNaN(value) ? "'NaN'::float8" : Double.toString(value) + "::float8";
            String sql = postgres(metrics, "(7::bigint, '" + AGENT + "'::uuid, 'tokens/s', " + literal + ", NULL::text, "
                    + "'1969-12-31 23:59:59.999999+00'::timestamptz)");
            String java = RowCanonicalForm.of(metrics, new Object[]{7L, AGENT, "tokens/s", value, null, -1L});
            assertThat(java).as("value " + value).isEqualTo(sql);
        }
    }

    @Test
    void textDecimalsAndTimestampsAgree() throws SQLException {
        LakeTable tasks = LakeSchemaRegistry.AGENT_TASKS;
        UUID id = UUID.fromString("6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b");
        String sql = postgres(tasks, "('" + id + "'::uuid, '" + id + "'::uuid, '" + AGENT + "'::uuid, 'résumé «x»', 'FAILED', "
                + "'2026-03-29 01:30:00.000001+00'::timestamptz, NULL::timestamptz, NULL::timestamptz, 0, NULL::int, "
                + "12.5::numeric(14,6), 2147483647, E'line\\nbreak\\ttab', '2026-03-29 01:30:00.000001+00'::timestamptz)");
        long micros = 1_774_747_800_000_001L;
        String java = RowCanonicalForm.of(tasks, new Object[]{id, id, AGENT, "résumé «x»", "FAILED", micros, null, null, 0,
                null, new BigDecimal("12.5"), Integer.MAX_VALUE, "line\nbreak\ttab", micros});
        assertThat(java).isEqualTo(sql);
        assertThat(java).contains("12.500000").contains("\\N");
    }
}
