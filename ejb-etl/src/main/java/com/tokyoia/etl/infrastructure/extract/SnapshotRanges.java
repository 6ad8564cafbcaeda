package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.etl.domain.SourceFacts;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * One day read by several COPYs at once, all in the same snapshot: this holds a REPEATABLE READ
 * transaction open and exports its snapshot ({@code pg_export_snapshot}); each range's connection
 * imports it ({@code SET TRANSACTION SNAPSHOT}) before its COPY, so the ranges together see exactly
 * the rows one COPY would have seen, however the table changes meanwhile. The ranges split the
 * heap pages of the relation holding the day (its partition) as the snapshot starts. Closing ends
 * the exporting transaction, after which the snapshot can no longer be imported.
 */
public final class SnapshotRanges implements AutoCloseable {
    /** What one range's COPY saw: COPY's row count, and the tuples' digest and checksum (thread-confined). */
    public record Tally(long rows, TupleDigest digest, ContentChecksum checksum) {
    }

    private final DataSource dataSource;
    private final DayExtractor extractor;
    private final LakeTable table;
    private final LocalDate day;
    private final Connection holder;
    private final boolean autoCommit;
    private final String snapshot;
    private final List<CtidRange> ranges;
    private final CompletableFuture<SourceFacts> sqlFacts;

    SnapshotRanges(DataSource dataSource, DayExtractor extractor, LakeTable table, LocalDate day, int ranges, long minPagesPerRange,
                   boolean sqlProof, Executor executor) throws SQLException {
        this.dataSource = dataSource;
        this.extractor = extractor;
        this.table = table;
        this.day = day;
        this.holder = dataSource.getConnection();
        try {
            this.autoCommit = holder.getAutoCommit();
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    this.snapshot = rs.getString(1);
                }
                // The day's partition, split by its pages. A table without day partitions is not split:
                // its pages hold every day, and each range would scan them all for one day's rows.
                try (ResultSet rs = st.executeQuery("SELECT CASE WHEN c.relispartition THEN pg_relation_size(c.oid)"
                        + " / current_setting('block_size')::int ELSE 0 END FROM pg_class c WHERE c.oid = (SELECT tableoid FROM "
                        + table.name() + " WHERE " + DayExtractor.dayBounds(table, day) + " LIMIT 1)")) {
                    this.ranges = CtidRange.split(rs.next() ? rs.getLong(1) : 0, ranges, minPagesPerRange);
                }
            }
            Timestamp from = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
            Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            this.sqlFacts = sqlProof
                    ? CompletableFuture.supplyAsync(() -> extractor.factsInSnapshot(table, snapshot, from, to), executor)
                    : null;
        } catch (SQLException | RuntimeException e) {
            holder.close();
            throw e;
        }
    }

    public List<CtidRange> ranges() {
        return ranges;
    }

    /** Streams the day's rows in {@code range} into {@code sink}, on a connection of its own in the shared snapshot. */
    public Tally copy(CtidRange range, DayExtractor.RowSink sink) throws IOException, SQLException {
        TupleDigest digest = new TupleDigest();
        ContentChecksum checksum = new ContentChecksum();
        try (Connection connection = dataSource.getConnection()) {
            boolean previous = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement st = connection.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    st.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "") + "'");
                }
                long rows = DayExtractor.copy(connection, DayExtractor.copySql(table, day, range), extractor.decoder(table), sink,
                        digest, checksum);
                connection.commit();
                return new Tally(rows, digest, checksum);
            } catch (IOException | SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                if (!connection.isClosed()) {
                    connection.setAutoCommit(previous);
                }
            }
        }
    }

    /** The day's facts from every range's tally, with PostgreSQL's own checksum when the SQL proof is on. */
    public DayExtractor.Copied combine(List<Tally> tallies) throws SQLException {
        TupleDigest digest = new TupleDigest();
        ContentChecksum checksum = new ContentChecksum();
        long rows = 0;
        for (Tally tally : tallies) {
            rows += tally.rows();
            digest.addAll(tally.digest());
            checksum.addAll(tally.checksum());
        }
        String sourceChecksum = sqlFacts == null ? checksum.value() : DayExtractor.join(sqlFacts).checksum();
        return new DayExtractor.Copied(new SourceFacts(rows, sourceChecksum, digest.value()), checksum.value());
    }

    @Override
    public void close() throws SQLException {
        try {
            if (sqlFacts != null) {
                sqlFacts.exceptionally(e -> null).join(); // the snapshot must outlive the checksum query
            }
            holder.commit();
            holder.setAutoCommit(autoCommit);
        } finally {
            holder.close();
        }
    }
}
