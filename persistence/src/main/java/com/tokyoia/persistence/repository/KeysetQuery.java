package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.TimeRange;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a native keyset query: optional filters, a [from, to) range on the time column, then
 * {@code (time, id) > (cursor)} ordered by (time, id). Row-value comparison lets PostgreSQL walk
 * the (time, id) indexes and prune day partitions from the range. Only column names written in
 * this package reach the SQL text; every value is a bound parameter.
 */
final class KeysetQuery {
    private final String table;
    private final String timeColumn;
    private final String idColumn;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    KeysetQuery(String table, String timeColumn, String idColumn) {
        this.table = table;
        this.timeColumn = timeColumn;
        this.idColumn = idColumn;
    }

    KeysetQuery where(String condition, Object... values) {
        conditions.add(condition);
        parameters.addAll(List.of(values));
        return this;
    }

    KeysetQuery whereEquals(String column, Object value) {
        return value == null ? this : where(column + " = ?", value);
    }

    KeysetQuery within(TimeRange range) {
        if (range.from() != null) {
            where(timeColumn + " >= ?", range.from());
        }
        if (range.to() != null) {
            where(timeColumn + " < ?", range.to());
        }
        return this;
    }

    KeysetQuery after(KeysetCursor cursor, Object cursorId) {
        return cursor == null ? this : where("(" + timeColumn + ", " + idColumn + ") > (?, ?)", cursor.at(), cursorId);
    }

    <T> List<T> fetch(EntityManager em, Class<T> entity, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(table);
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        sql.append(" ORDER BY ").append(timeColumn).append(", ").append(idColumn).append(" LIMIT ?");
        Query query = em.createNativeQuery(sql.toString(), entity);
        int position = 1;
        for (Object parameter : parameters) {
            query.setParameter(position++, parameter);
        }
        query.setParameter(position, limit + 1);
        @SuppressWarnings("unchecked")
        List<T> rows = query.getResultList();
        return rows;
    }
}
