package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Streams one UTC day of one table out of PostgreSQL in a REPEATABLE READ, read-only transaction:
 * the rows are read through a server-side cursor (fetch size, never the whole day in memory) while
 * PostgreSQL computes its own count and content checksum over the same exported snapshot, so both
 * describe exactly the rows that were written.
 */
public final class DayExtractor {
    private static final int FETCH_SIZE = 10_000;

    /** Receives each row, values in table column order (timestamps as epoch micros). */
    @FunctionalInterface
    public interface RowSink {
        void accept(Object[] row) throws IOException;
    }

    private final DataSource dataSource;
    private final Executor executor;

    /** {@code executor} runs PostgreSQL's checksum query beside the row stream (a managed executor in the server). */
    public DayExtractor(DataSource dataSource, Executor executor) {
        this.dataSource = dataSource;
        this.executor = executor;
    }

    public SourceFacts extract(LakeTable table, LocalDate day, RowSink sink) throws IOException, SQLException {
        Timestamp from = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement begin = connection.createStatement()) {
                    begin.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                // PostgreSQL's count and checksum run on a second connection that imports this
                // transaction's snapshot, in parallel with the row stream: same rows, two cores.
                String snapshot;
                try (Statement export = connection.createStatement();
                     ResultSet rs = export.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
                CompletableFuture<SourceFacts> facts = CompletableFuture.supplyAsync(() -> factsInSnapshot(table, snapshot, from, to), executor);
                try (PreparedStatement select = connection.prepareStatement(selectSql(table),
                        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    select.setFetchSize(FETCH_SIZE);
                    select.setTimestamp(1, from);
                    select.setTimestamp(2, to);
                    try (ResultSet rs = select.executeQuery()) {
                        List<LakeColumn> columns = table.columns();
                        while (rs.next()) {
                            Object[] row = new Object[columns.size()];
                            for (int i = 0; i < row.length; i++) {
                                row[i] = read(rs, i + 1, columns.get(i));
                            }
                            sink.accept(row);
                        }
                    }
                }
                SourceFacts source = join(facts);
                connection.commit();
                return source;
            } catch (IOException | SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private SourceFacts factsInSnapshot(LakeTable table, String snapshot, Timestamp from, Timestamp to) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                st.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "") + "'");
                SourceFacts facts = sourceFacts(connection, table, from, to);
                connection.commit();
                return facts;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    private static SourceFacts join(CompletableFuture<SourceFacts> facts) throws SQLException {
        try {
            return facts.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    /** PostgreSQL's count and checksum of the day, outside of any export (used by reconcile). */
    public SourceFacts facts(LakeTable table, LocalDate day) throws SQLException {
        Timestamp from = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        try (Connection connection = dataSource.getConnection()) {
            return sourceFacts(connection, table, from, to);
        }
    }

    /** The same count and checksum on a connection the caller holds (inside its own transaction and locks). */
    public static SourceFacts facts(Connection connection, LakeTable table, LocalDate day) throws SQLException {
        return sourceFacts(connection, table, Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()),
                Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    private static SourceFacts sourceFacts(Connection connection, LakeTable table, Timestamp from, Timestamp to)
            throws SQLException {
        String sql = ContentChecksum.sql(table.name(), table.dayColumn(), RowCanonicalForm.sqlExpression(table));
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                return new SourceFacts(rows, ContentChecksum.format(rows, new BigInteger(rs.getString(2))));
            }
        }
    }

    static String selectSql(LakeTable table) {
        // Plain columns: with binary transfer (prepareThreshold=-1 on the ETL datasource) the driver
        // decodes uuid, integers and timestamps from their binary form, far cheaper than text.
        String columns = table.columns().stream().map(c -> c.name()).collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + table.name() + " WHERE " + table.dayColumn() + " >= ? AND "
                + table.dayColumn() + " < ? ORDER BY " + String.join(", ", table.sortColumns());
    }

    private static Object read(ResultSet rs, int index, LakeColumn column) throws SQLException {
        Object value = switch (column.type()) {
            case UUID -> rs.getObject(index, UUID.class);
            case STRING, ENUM, DATE -> rs.getString(index);
            case INT32 -> rs.getInt(index);
            case INT64 -> rs.getLong(index);
            case TIMESTAMP -> {
                OffsetDateTime at = rs.getObject(index, OffsetDateTime.class);
                yield at == null ? null : at.toEpochSecond() * 1_000_000L + at.getNano() / 1_000;
            }
            case DOUBLE -> rs.getDouble(index);
            case DECIMAL -> rs.getBigDecimal(index);
        };
        return rs.wasNull() ? null : value;
    }
}
