package com.tokyoia.etl.infrastructure.extract;

import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The text every row is reduced to for the content checksum, defined twice on purpose: here in
 * Java (from extracted or re-read values) and as SQL (PostgreSQL computes it over its own rows),
 * so the lake copy is compared with the database, not with itself. Per type: UUIDs lower-case,
 * timestamps as epoch microseconds, decimals with their declared scale, doubles as their IEEE-754
 * bits in hex (decimal renderings of doubles differ between Java and PostgreSQL; every NaN as the
 * canonical one), NULL as \N;
 * fields separated by U+001F.
 */
public final class RowCanonicalForm {
    static final char SEPARATOR = '\u001f';
    static final String NULL = "\\N";

    private RowCanonicalForm() {
    }

    /** Row values in the table's column order, as the extractor yields them (see {@link DayExtractor}). */
    public static String of(LakeTable table, Object[] row) {
        StringBuilder text = new StringBuilder(256);
        List<LakeColumn> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                text.append(SEPARATOR);
            }
            Object value = row[i];
            if (value == null) {
                text.append(NULL);
                continue;
            }
            LakeColumn column = columns.get(i);
            switch (column.type()) {
                case UUID -> text.append(((UUID) value).toString());
                case STRING, ENUM -> text.append((String) value);
                case INT32, INT64, TIMESTAMP -> text.append(((Number) value).longValue());
                case DOUBLE -> appendHex(text, Double.doubleToLongBits((Double) value));
                case DECIMAL -> text.append(((BigDecimal) value).setScale(column.scale(), RoundingMode.UNNECESSARY).toPlainString());
                case DATE -> text.append(value);
            }
        }
        return text.toString();
    }

    private static void appendHex(StringBuilder text, long bits) {
        String hex = Long.toHexString(bits);
        text.append("0".repeat(16 - hex.length())).append(hex);
    }

    /** The same canonical text as a PostgreSQL expression over the table's columns. */
    public static String sqlExpression(LakeTable table) {
        return table.columns().stream().map(RowCanonicalForm::sqlColumn)
                .collect(Collectors.joining(" || chr(31) || "));
    }

    private static String sqlColumn(LakeColumn column) {
        String name = column.name();
        String text = switch (column.type()) {
            case UUID, INT32, INT64 -> name + "::text";
            case STRING, ENUM -> name;
            case TIMESTAMP -> "((extract(epoch FROM " + name + ") * 1000000)::bigint)::text";
            // Every NaN as the canonical one (Java's doubleToLongBits, Parquet): PostgreSQL keeps the
            // bits an operation left, such as the negative NaN of Infinity - Infinity.
            case DOUBLE -> "CASE WHEN " + name + " = 'NaN'::float8 THEN '7ff8000000000000' ELSE encode(float8send(" + name + "), 'hex') END";
            case DECIMAL -> "round(" + name + ", " + column.scale() + ")::text";
            case DATE -> name + "::text";
        };
        return "coalesce(" + text + ", '\\N')";
    }
}
