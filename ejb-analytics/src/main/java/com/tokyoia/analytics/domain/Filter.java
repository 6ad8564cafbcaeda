package com.tokyoia.analytics.domain;

import java.util.regex.Pattern;

/**
 * An optional equality filter a query accepts. Values are checked against {@code format} at the
 * edge and always bound as parameters, never written into SQL.
 */
public record Filter(String name, String column, Kind kind) {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** What a token filter accepts (the API documents it as is). */
    public static final String TOKEN_PATTERN = "^[A-Za-z0-9_.:-]{1,100}$";
    public static final int TOKEN_MAX_LENGTH = 100;
    private static final Pattern TOKEN = Pattern.compile(TOKEN_PATTERN);

    public enum Kind { UUID, TOKEN }

    public boolean accepts(String value) {
        return value != null && (kind == Kind.UUID ? UUID : TOKEN).matcher(value).matches();
    }

    /** The bound comparison: PostgreSQL compares uuid columns as uuid; in Parquet they are strings. */
    public String predicate(Expr.Dialect dialect) {
        return dialect == Expr.Dialect.POSTGRES && kind == Kind.UUID ? column + " = ?::uuid" : column + " = ?";
    }
}
