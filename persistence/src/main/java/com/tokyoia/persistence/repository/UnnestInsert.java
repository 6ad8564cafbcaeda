package com.tokyoia.persistence.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Batch inserts as {@code INSERT ... SELECT * FROM unnest(?::type[], ...)}: one statement per
 * chunk of rows with one array per column, far cheaper than thousands of single-row inserts. Runs
 * on the caller's (JTA-enlisted) connection, so the batch is all or nothing with the request.
 */
final class UnnestInsert<T> {
    private static final int CHUNK = 5_000;

    /** A column: its name, the element type of its array, the SQL cast of the bound array, the value of a row. */
    record Column<T>(String name, String elementType, String cast, Function<T, Object> value) {
        static <T> Column<T> of(String name, String elementType, Function<T, Object> value) {
            return new Column<>(name, elementType, elementType + "[]", value);
        }
    }

    private final String sql;
    private final List<Column<T>> columns;

    UnnestInsert(String table, List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
        this.sql = "INSERT INTO " + table + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") SELECT * FROM unnest(" + columns.stream().map(c -> "?::" + c.cast()).collect(Collectors.joining(", ")) + ")";
    }

    void insertAll(DataSource dataSource, List<T> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int start = 0; start < rows.size(); start += CHUNK) {
                List<T> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
                for (int c = 0; c < columns.size(); c++) {
                    Column<T> column = columns.get(c);
                    Object[] values = chunk.stream().map(column.value()).toArray();
                    insert.setArray(c + 1, connection.createArrayOf(column.elementType(), values));
                }
                insert.executeUpdate();
            }
        }
    }
}
