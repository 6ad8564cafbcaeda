package com.tokyoia.etl.infrastructure.extract;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * An order-independent digest of rows in PostgreSQL's binary tuple form: the row count and the sum,
 * modulo 2^64, of a 64-bit hash of each tuple's bytes (field count, then each field's length and
 * bytes). The export hashes the tuples exactly as {@code COPY ... (FORMAT binary)} streamed them;
 * the proof re-encodes every value read back from the written file into the same form and must
 * arrive at the same digest, so a wrong conversion anywhere in between (a shifted microsecond, a
 * lost null, a cut string, two columns swapped) fails the day. Not a cryptographic hash: it guards
 * against bugs, the file's SHA-256 guards the bytes. Written as {@code tuples:<n>;h64:<hex>}.
 */
public final class TupleDigest {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    private long rows;
    private long sum;

    public void add(byte[] tuple, int from, int length) {
        sum += hash(tuple, from, length); // wraps modulo 2^64 by design
        rows++;
    }

    /** Adds the tuples another digest saw (a range of the same day, digested on another thread). */
    public void addAll(TupleDigest other) {
        sum += other.sum;
        rows += other.rows;
    }

    public long rows() {
        return rows;
    }

    public String value() {
        return "tuples:" + rows + ";h64:" + String.format("%016x", sum);
    }

    /** A 64-bit hash in the style of xxHash64's rounds with a murmur3 finaliser (fast, well mixed). */
    static long hash(byte[] b, int from, int length) {
        long h = P3 + length * P1;
        int at = from;
        int end = from + length;
        for (; at + 8 <= end; at += 8) {
            long k = (long) LONGS.get(b, at) * P2;
            k = Long.rotateLeft(k, 31) * P1;
            h ^= k;
            h = Long.rotateLeft(h, 27) * P1 + P3;
        }
        for (; at < end; at++) {
            h ^= (b[at] & 0xffL) * P3;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
