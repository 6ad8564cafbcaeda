package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.etl.domain.SourceFacts;
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
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Streams one UTC day of one table out of PostgreSQL with {@code COPY ... TO STDOUT (FORMAT binary)}
 * in a REPEATABLE READ, read-only transaction, decoding each tuple straight into Parquet values
 * (see {@link CopyRowDecoder}); nothing holds more than one row's bytes. No ORDER BY: the rows come
 * in the partition's physical order, as fast as PostgreSQL can send them. What PostgreSQL says comes
 * with the stream at no extra cost: its row count (COPY's command tag) and the digest of the tuples
 * exactly as sent ({@link TupleDigest}), against which the written file is proven. With the SQL
 * proof on, PostgreSQL also computes its content checksum over the same exported snapshot on a
 * second connection, in parallel (the deep proof, a full second scan).
 */
public final class DayExtractor {
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\": (\\d+)");

    /** Receives each row, values as {@link CopyRowDecoder} yields them; the array is the sink's to keep. */
    @FunctionalInterface
    public interface RowSink {
        void accept(Object[] row) throws IOException;
    }

    /** What one COPY of a day gave: PostgreSQL's facts, and the content checksum computed here from its bytes. */
    public record Copied(SourceFacts source, String contentChecksum) {
    }

    private final DataSource dataSource;
    private final Executor executor;
    private final boolean sqlProof;
    private final Function<LakeTable, CopyRowDecoder> decoders;

    /**
     * @param executor runs PostgreSQL's checksum query beside the stream when {@code sqlProof} is on
     *                 (a managed executor in the server)
     * @param sqlProof have PostgreSQL compute the content checksum too (a second scan of the day)
     */
    public DayExtractor(DataSource dataSource, Executor executor, boolean sqlProof) {
        this(dataSource, executor, sqlProof, CopyRowDecoder::new);
    }

    /** With another decoder (tests inject wrong conversions through it). */
    DayExtractor(DataSource dataSource, Executor executor, boolean sqlProof, Function<LakeTable, CopyRowDecoder> decoders) {
        this.dataSource = dataSource;
        this.executor = executor;
        this.sqlProof = sqlProof;
        this.decoders = decoders;
    }

    public Copied extract(LakeTable table, LocalDate day, RowSink sink) throws IOException, SQLException {
        Timestamp from = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement begin = connection.createStatement()) {
                    begin.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                CompletableFuture<SourceFacts> sqlFacts = null;
                if (sqlProof) {
                    String snapshot;
                    try (Statement export = connection.createStatement();
                         ResultSet rs = export.executeQuery("SELECT pg_export_snapshot()")) {
                        rs.next();
                        snapshot = rs.getString(1);
                    }
                    sqlFacts = CompletableFuture.supplyAsync(() -> factsInSnapshot(table, snapshot, from, to), executor);
                }
                Copied copied = copy(connection, copySql(table, day, CtidRange.WHOLE), decoders.apply(table), sink);
                SourceFacts streamed = copied.source();
                Copied result = sqlFacts == null ? copied : new Copied(new SourceFacts(streamed.rows(),
                        join(sqlFacts).checksum(), streamed.tupleDigest()), copied.contentChecksum());
                connection.commit();
                return result;
            } catch (IOException | SQLException | RuntimeException e) {
                quietly(connection::rollback, e);
                throw e;
            } finally {
                if (!connection.isClosed()) {
                    connection.setAutoCommit(autoCommit);
                }
            }
        }
    }

    /**
     * Opens a snapshot of the day to be read by up to {@code ranges} COPYs at once, each over at
     * least {@code minPagesPerRange} heap pages; close it when every range has been read.
     */
    public SnapshotRanges shareSnapshot(LakeTable table, LocalDate day, int ranges, long minPagesPerRange) throws SQLException {
        return new SnapshotRanges(dataSource, this, table, day, ranges, minPagesPerRange, sqlProof, executor);
    }

    CopyRowDecoder decoder(LakeTable table) {
        return decoders.apply(table);
    }

    /** After a failure: the failure is what the caller must see; what goes wrong cleaning up rides along. */
    private static void quietly(SqlAction action, Exception failure) {
        try {
            action.run();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    /** PostgreSQL's planner estimate of the day's rows (no scan), -1 when it gives none. */
    public long estimatedRows(LakeTable table, LocalDate day) throws SQLException {
        String sql = "EXPLAIN (FORMAT JSON) SELECT 1 FROM " + table.name() + " WHERE " + dayBounds(table, day);
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            Matcher rows = PLAN_ROWS.matcher(rs.next() ? rs.getString(1) : "");
            return rows.find() ? Long.parseLong(rows.group(1)) : -1;
        }
    }

    /**
     * Runs one binary COPY on the caller's connection (and transaction) and streams its rows into
     * {@code sink}: the facts are COPY's own row count, the content checksum computed here from
     * the rows' bytes, and the tuples' digest. When anything fails mid-stream the COPY is cancelled
     * and read to its end, so the connection is in step with the server again for the rollback.
     */
    static Copied copy(Connection connection, String copySql, CopyRowDecoder decoder, RowSink sink)
            throws IOException, SQLException {
        TupleDigest digest = new TupleDigest();
        ContentChecksum checksum = new ContentChecksum();
        long tagged = copy(connection, copySql, decoder, sink, digest, checksum);
        return new Copied(new SourceFacts(tagged, checksum.value(), digest.value()), checksum.value());
    }

    /** The same, adding the tuples to the caller's digest and checksum; returns COPY's row count. */
    static long copy(Connection connection, String copySql, CopyRowDecoder decoder, RowSink sink, TupleDigest digest,
                     ContentChecksum checksum) throws IOException, SQLException {
        long before = digest.rows();
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyOut copy = pg.getCopyAPI().copyOut(copySql);
        try {
            BinaryCopyParser.parse(copy::readFromCopy, decoder, digest, checksum, sink);
        } catch (IOException | SQLException | RuntimeException e) {
            endCopy(connection, pg, copy, e);
            throw e;
        }
        long tagged = copy.getHandledRowCount();
        if (tagged != digest.rows() - before) {
            throw new IOException("COPY reported " + tagged + " rows, " + (digest.rows() - before) + " tuples were read");
        }
        return tagged;
    }

    /**
     * PgJDBC's cancelCopy does not read what the server still sends for a COPY out, which would
     * leave the connection out of step: cancel the statement and read to the end instead (the
     * server ends with the cancel's error). A connection that still cannot be trusted is aborted.
     */
    private static void endCopy(Connection connection, PGConnection pg, CopyOut copy, Exception cause) {
        if (!copy.isActive()) {
            return;
        }
        try {
            pg.cancelQuery();
            while (copy.readFromCopy() != null) {
                // discarded: the day's export has already failed
            }
        } catch (SQLException ended) {
            if (!"57014".equals(ended.getSQLState())) { // 57014: cancelled, as asked
                cause.addSuppressed(ended);
            }
        }
        if (copy.isActive()) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** The COPY of one UTC day, or of the day's rows in one range of pages. */
    static String copySql(LakeTable table, LocalDate day, CtidRange range) {
        return "COPY (SELECT " + CopyRowDecoder.selectList(table) + " FROM " + table.name() + " WHERE " + dayBounds(table, day)
                + range.predicate() + ") TO STDOUT (FORMAT binary)";
    }

    /** The day's UTC bounds as SQL; written from a LocalDate, never from input text. */
    static String dayBounds(LakeTable table, LocalDate day) {
        return table.dayColumn() + " >= '" + day + " 00:00:00+00' AND " + table.dayColumn() + " < '" + day.plusDays(1) + " 00:00:00+00'";
    }

    SourceFacts factsInSnapshot(LakeTable table, String snapshot, Timestamp from, Timestamp to) {
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

    static SourceFacts join(CompletableFuture<SourceFacts> facts) throws SQLException {
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
}
