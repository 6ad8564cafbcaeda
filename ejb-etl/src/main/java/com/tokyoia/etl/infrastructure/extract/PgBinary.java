package com.tokyoia.etl.infrastructure.extract;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/**
 * PostgreSQL's binary send formats of the lake's column types, both ways: decoding what a binary
 * {@code COPY} streams, and encoding values read back from a lake file into the same bytes, so the
 * two can be hashed and compared. Big-endian throughout; timestamps are microseconds and dates days
 * since 2000-01-01; numerics are base-10000 digit groups (see PostgreSQL's numeric_send).
 */
public final class PgBinary {
    /** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 (UTC). */
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    /** Days from 1970-01-01 to 2000-01-01. */
    static final int PG_EPOCH_DAYS = 10_957;
    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final long[] POW10 = new long[19];
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private PgBinary() {
    }

    static int int16(byte[] b, int at) {
        return (short) (((b[at] & 0xff) << 8) | (b[at + 1] & 0xff));
    }

    static int int32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    static long int64(byte[] b, int at) {
        return ((long) int32(b, at) << 32) | (int32(b, at + 4) & 0xffffffffL);
    }

    static void putInt64(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    /** A timestamptz's bytes as microseconds since 1970-01-01 UTC; infinities are refused (the lake has no such value). */
    static long epochMicros(byte[] b, int at) throws IOException {
        long pg = int64(b, at);
        if (pg == Long.MAX_VALUE || pg == Long.MIN_VALUE) {
            throw new IOException("an infinite timestamp cannot be exported");
        }
        return pg + PG_EPOCH_MICROS;
    }

    /** The 36-character lower-case text of a uuid's 16 bytes (the lake stores UUIDs as strings). */
    static byte[] uuidText(byte[] b, int at) {
        byte[] text = new byte[36];
        int t = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                text[t++] = '-';
            }
            text[t++] = HEX[(b[at + i] >> 4) & 0xf];
            text[t++] = HEX[b[at + i] & 0xf];
        }
        return text;
    }

    /**
     * A numeric's bytes as its unscaled value at {@code scale} (the column's declared scale), exact:
     * a value with more fractional digits, or too large for a long, is refused rather than rounded.
     */
    static long unscaledNumeric(byte[] b, int at, int length, int scale) throws IOException {
        int ndigits = int16(b, at) & 0xffff;
        if (length != 8 + 2 * ndigits) {
            throw new IOException("a numeric of " + length + " bytes for " + ndigits + " digit groups");
        }
        int weight = int16(b, at + 2);
        int sign = int16(b, at + 4) & 0xffff;
        if (sign != NUMERIC_POS && sign != NUMERIC_NEG) {
            throw new IOException("a numeric NaN or infinity cannot be exported");
        }
        try {
            long value = 0;
            for (int i = 0; i < ndigits; i++) {
                int digit = int16(b, at + 8 + 2 * i) & 0xffff;
                int exponent = 4 * (weight - i) + scale;
                if (exponent >= 0) {
                    value = Math.addExact(value, Math.multiplyExact(digit, pow10(exponent)));
                } else if (-exponent >= 4 || digit % POW10[-exponent] != 0) {
                    throw new IOException("a numeric has more than " + scale + " fractional digits");
                } else {
                    value = Math.addExact(value, digit / POW10[-exponent]);
                }
            }
            return sign == NUMERIC_NEG ? -value : value;
        } catch (ArithmeticException e) {
            throw new IOException("a numeric does not fit 18 digits", e);
        }
    }

    private static long pow10(int exponent) {
        if (exponent >= POW10.length) {
            throw new ArithmeticException("10^" + exponent);
        }
        return POW10[exponent];
    }

    /** Appends PostgreSQL's binary numeric of {@code value} with display scale {@code scale} (the column's). */
    static void numeric(Bytes out, BigDecimal value, int scale) {
        BigInteger unscaled = value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
        if (unscaled.abs().bitLength() <= 49) { // below 2^49 in magnitude, as the long path wants
            numeric(out, unscaled.longValue(), scale);
            return;
        }
        int pad = (4 - scale % 4) % 4;
        BigInteger magnitude = unscaled.abs().multiply(BigInteger.TEN.pow(pad));
        BigInteger tenThousand = BigInteger.valueOf(10_000);
        int[] groups = new int[magnitude.bitLength() / 13 + 2];
        int count = 0;
        while (magnitude.signum() > 0) {
            BigInteger[] qr = magnitude.divideAndRemainder(tenThousand);
            groups[count++] = qr[1].intValue();
            magnitude = qr[0];
        }
        numericGroups(out, groups, count, (scale + pad) / 4, unscaled.signum(), scale);
    }

    /** The same for an unscaled value below 2^49 in magnitude (every DECIMAL(14,s) the lake holds), without BigInteger. */
    static void numeric(Bytes out, long unscaled, int scale) {
        if (unscaled >= 1L << 49 || unscaled <= -(1L << 49)) {
            numeric(out, BigDecimal.valueOf(unscaled, scale), scale);
            return;
        }
        // Align to whole base-10000 groups after the point, then split into groups from the lowest.
        int pad = (4 - scale % 4) % 4;
        long magnitude = Math.abs(unscaled) * POW10[pad];
        int[] groups = new int[6];
        int count = 0;
        while (magnitude > 0) {
            groups[count++] = (int) (magnitude % 10_000);
            magnitude /= 10_000;
        }
        numericGroups(out, groups, count, (scale + pad) / 4, Long.signum(unscaled), scale);
    }

    /** {@code groups} lowest first; PostgreSQL strips zero groups at both ends, and zero has no groups at all. */
    private static void numericGroups(Bytes out, int[] groups, int count, int fractionGroups, int signum, int scale) {
        int lowest = 0;
        while (lowest < count && groups[lowest] == 0) {
            lowest++;
        }
        int ndigits = count - lowest;
        int weight = ndigits == 0 ? 0 : count - 1 - fractionGroups;
        out.int32(8 + 2 * ndigits);
        out.int16(ndigits);
        out.int16(weight);
        out.int16(signum < 0 ? NUMERIC_NEG : NUMERIC_POS);
        out.int16(scale);
        for (int i = count - 1; i >= lowest; i--) {
            out.int16(groups[i]);
        }
    }

    static void uuid(Bytes out, UUID value) {
        out.int32(16);
        out.int64(value.getMostSignificantBits());
        out.int64(value.getLeastSignificantBits());
    }

    static void timestamp(Bytes out, long epochMicros) {
        out.int32(8);
        out.int64(epochMicros - PG_EPOCH_MICROS);
    }

    static void date(Bytes out, LocalDate day) {
        out.int32(4);
        out.int32((int) (day.toEpochDay() - PG_EPOCH_DAYS));
    }

    static LocalDate date(byte[] b, int at) {
        return LocalDate.ofEpochDay(int32(b, at) + (long) PG_EPOCH_DAYS);
    }

    /** A growable byte buffer, reused row after row. */
    static final class Bytes {
        byte[] data = new byte[512];
        int length;

        void reset() {
            length = 0;
        }

        private void ensure(int more) {
            if (length + more > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + more));
            }
        }

        void int16(int v) {
            ensure(2);
            data[length++] = (byte) (v >>> 8);
            data[length++] = (byte) v;
        }

        void int32(int v) {
            ensure(4);
            data[length++] = (byte) (v >>> 24);
            data[length++] = (byte) (v >>> 16);
            data[length++] = (byte) (v >>> 8);
            data[length++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void bytes(byte[] b, int from, int count) {
            ensure(count);
            System.arraycopy(b, from, data, length, count);
            length += count;
        }

        void ascii(byte b) {
            ensure(1);
            data[length++] = b;
        }

        /** Decimal digits of {@code v}, as Long.toString would write them. */
        void decimal(long v) {
            if (v == Long.MIN_VALUE) {
                byte[] text = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
                bytes(text, 0, text.length);
                return;
            }
            ensure(20);
            if (v < 0) {
                data[length++] = '-';
                v = -v;
            }
            int start = length;
            do {
                data[length++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
            for (int i = start, j = length - 1; i < j; i++, j--) {
                byte t = data[i];
                data[i] = data[j];
                data[j] = t;
            }
        }

        /** 16 lower-case hex digits of {@code v}. */
        void hex64(long v) {
            ensure(16);
            for (int shift = 60; shift >= 0; shift -= 4) {
                data[length++] = HEX[(int) (v >>> shift) & 0xf];
            }
        }
    }
}
