package com.tokyoia.etl.infrastructure.extract;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An order-independent checksum of a day's rows: the row count and the sum, modulo 2^64, of the
 * first 64 bits of each canonical row's MD5. Files are sorted for compression while PostgreSQL
 * scans in its own order; a sum does not care. Written as {@code rows:<n>;sum:<unsigned>}.
 */
public final class ContentChecksum {
    private final MessageDigest md5;
    private long rows;
    private long sum;

    public ContentChecksum() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void add(String canonicalRow) {
        byte[] text = canonicalRow.getBytes(StandardCharsets.UTF_8);
        add(text, 0, text.length);
    }

    /** The canonical row already as UTF-8 bytes (the COPY decoder writes it so, without a String). */
    public void add(byte[] canonicalRow, int from, int length) {
        md5.update(canonicalRow, from, length);
        byte[] digest = md5.digest();
        long high = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (digest[i] & 0xff);
        }
        sum += high; // wraps modulo 2^64 by design
        rows++;
    }

    /** Adds the rows another checksum saw (a range of the same day, checksummed on another thread). */
    public void addAll(ContentChecksum other) {
        sum += other.sum;
        rows += other.rows;
    }

    public long rows() {
        return rows;
    }

    public String value() {
        return format(rows, new BigInteger(Long.toUnsignedString(sum)));
    }

    public static String format(long rows, BigInteger unsignedSum) {
        return "rows:" + rows + ";sum:" + unsignedSum;
    }

    /**
     * SQL computing the same checksum over {@code <table> WHERE <day column> in [?, ?)}: first the
     * row count, then the unsigned sum as text.
     */
    public static String sql(String table, String dayColumn, String canonicalExpression) {
        return "SELECT count(*), coalesce(mod(mod(sum(('x' || substr(md5(" + canonicalExpression
                + "), 1, 16))::bit(64)::bigint::numeric), 18446744073709551616) + 18446744073709551616, "
                + "18446744073709551616), 0)::text FROM " + table + " WHERE " + dayColumn + " >= ? AND "
                + dayColumn + " < ?";
    }
}
