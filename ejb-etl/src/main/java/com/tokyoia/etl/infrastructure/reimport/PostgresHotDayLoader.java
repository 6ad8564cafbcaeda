package com.tokyoia.etl.infrastructure.reimport;

import com.tokyoia.etl.application.port.HotDayLoader;
import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.etl.infrastructure.extract.DayExtractor;
import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** {@link HotDayLoader} on PostgreSQL: batched inserts in the one transaction that also proves the result. */
public final class PostgresHotDayLoader implements HotDayLoader {
    private static final Set<String> PARTITIONED = Set.of("agent_tasks", "agent_metrics", "agent_interactions");
    private static final int BATCH = 1000;
    private final DataSource dataSource;
    private final Clock clock;

    public PostgresHotDayLoader(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public long load(LakeTable table, LocalDate day, long manifestId, String expectedChecksum, Rows rows)
            throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Timestamp now = Timestamp.from(clock.instant());
                // First, inside this transaction: a purged day may have a partition again.
                update(c, "UPDATE export_manifest SET status = 'VALIDATED', purged_at = NULL, updated_at = ? WHERE id = ? "
                        + "AND status = 'PURGED'", now, manifestId);
                if (PARTITIONED.contains(table.name())) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT tokyoia_ensure_day_partition(?, ?)")) {
                        ps.setString(1, table.name());
                        ps.setObject(2, day);
                        ps.executeQuery().close();
                    }
                }
                SourceFacts present = DayExtractor.facts(c, table, day);
                if (present.rows() > 0) {
                    if (!present.checksum().equals(expectedChecksum)) {
                        throw new SQLException(table.name() + " " + day + " holds " + present.rows() + " other rows in PostgreSQL ("
                                + present.checksum() + ", the lake copy is " + expectedChecksum + "); nothing re-imported");
                    }
                    c.rollback();
                    return 0;
                }
                long inserted = insert(c, table, rows);
                SourceFacts loaded = DayExtractor.facts(c, table, day);
                if (!loaded.checksum().equals(expectedChecksum)) {
                    throw new SQLException(table.name() + " " + day + " re-imported as " + loaded.checksum() + ", expected "
                            + expectedChecksum + "; rolled back");
                }
                if (update(c, "UPDATE export_manifest SET reimported_at = ?, updated_at = ? WHERE id = ?", now, now, manifestId) != 1) {
                    throw new SQLException("manifest entry " + manifestId + " is gone; rolled back");
                }
                c.commit();
                return inserted;
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static long insert(Connection c, LakeTable table, Rows rows) throws IOException, SQLException {
        List<LakeColumn> columns = table.columns();
        String sql = "INSERT INTO " + table.name() + " (" + columns.stream().map(LakeColumn::name).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(col -> "?").collect(Collectors.joining(", ")) + ")";
        long[] count = {0};
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            rows.into(row -> {
                try {
                    for (int i = 0; i < columns.size(); i++) {
                        bind(ps, i + 1, columns.get(i), row[i]);
                    }
                    ps.addBatch();
                    if (++count[0] % BATCH == 0) {
                        ps.executeBatch();
                    }
                } catch (SQLException e) {
                    throw new IOException("could not insert a row of " + table.name(), e);
                }
            });
            ps.executeBatch();
        }
        return count[0];
    }

    private static void bind(PreparedStatement ps, int index, LakeColumn column, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, switch (column.type()) {
                case UUID -> Types.OTHER;
                case STRING, ENUM -> Types.VARCHAR;
                case INT32 -> Types.INTEGER;
                case INT64 -> Types.BIGINT;
                case DOUBLE -> Types.DOUBLE;
                case DECIMAL -> Types.NUMERIC;
                case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
                case DATE -> Types.DATE;
            });
            return;
        }
        switch (column.type()) {
            case UUID -> ps.setObject(index, (UUID) value);
            case STRING, ENUM -> ps.setString(index, (String) value);
            case INT32 -> ps.setInt(index, (Integer) value);
            case INT64 -> ps.setLong(index, (Long) value);
            case DOUBLE -> ps.setDouble(index, (Double) value);
            case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
            case TIMESTAMP -> ps.setObject(index, OffsetDateTime.ofInstant(Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS),
                    ZoneOffset.UTC));
            case DATE -> ps.setObject(index, LocalDate.parse((String) value));
        }
    }
}
