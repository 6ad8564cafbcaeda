package com.tokyoia.persistence.domain.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list; {@code next} is null on the last page. */
public record Page<T>(List<T> items, KeysetCursor next) {

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only tells
     * that another page exists.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, KeysetCursor> positionOf) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, positionOf.apply(items.get(limit - 1)));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }
}
