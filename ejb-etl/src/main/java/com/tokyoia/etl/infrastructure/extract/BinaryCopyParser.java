package com.tokyoia.etl.infrastructure.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Reads PostgreSQL's binary COPY format message by message: the header (signature, flags, header
 * extension), then tuples, then the trailer. PostgreSQL sends one message per tuple (the header
 * rides on the first), but nothing here depends on it: a header or tuple split over messages is
 * put together. Each tuple is decoded first (which may make its bytes canonical, see
 * {@link CopyRowDecoder}), then digested, then handed on.
 */
final class BinaryCopyParser {
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER = SIGNATURE.length + 8;

    /** The COPY's messages, null after the last. */
    @FunctionalInterface
    interface Messages {
        byte[] next() throws SQLException;
    }

    private BinaryCopyParser() {
    }

    static void parse(Messages messages, CopyRowDecoder decoder, TupleDigest digest, ContentChecksum checksum,
                      DayExtractor.RowSink sink) throws IOException, SQLException {
        byte[] pending = null;
        boolean header = false;
        boolean trailer = false;
        byte[] message;
        while ((message = messages.next()) != null) {
            if (trailer) {
                throw new IOException("COPY sent data after its trailer");
            }
            byte[] b = pending == null ? message : concat(pending, message);
            int at = 0;
            if (!header) {
                if (b.length < HEADER || b.length < HEADER + PgBinary.int32(b, SIGNATURE.length + 4)) {
                    pending = b;
                    continue;
                }
                if (!Arrays.equals(b, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                    throw new IOException("COPY did not start with the binary signature");
                }
                if ((PgBinary.int32(b, SIGNATURE.length) & 0xffff0000) != 0) {
                    // Bits 16-31 announce format changes a reader must understand (bit 16: OIDs included).
                    throw new IOException("COPY's header has flags this reader does not know");
                }
                at = HEADER + PgBinary.int32(b, SIGNATURE.length + 4); // skips the header extension
                header = true;
            }
            while (at < b.length) {
                if (b.length - at >= 2 && PgBinary.int16(b, at) == -1) {
                    trailer = true;
                    at += 2;
                    break;
                }
                int end = decoder.tupleEnd(b, at, b.length);
                if (end < 0) {
                    break;
                }
                Object[] row = new Object[decoder.columns()];
                decoder.decode(b, at, row);
                digest.add(b, at, end - at);
                PgBinary.Bytes canonical = decoder.canonical();
                checksum.add(canonical.data, 0, canonical.length);
                sink.accept(row);
                at = end;
            }
            if (trailer && at < b.length) {
                throw new IOException("COPY sent data after its trailer");
            }
            pending = at < b.length ? Arrays.copyOfRange(b, at, b.length) : null;
        }
        if (!trailer || pending != null) {
            throw new IOException("COPY ended without its trailer" + (pending == null ? "" : " (" + pending.length + " bytes left)"));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
