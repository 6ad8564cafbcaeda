package com.tokyoia.etl.infrastructure.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * A range of heap pages, {@code [fromPage, toPage)}, of the relation holding a day: each parallel
 * COPY of the day reads one (PostgreSQL's TID range scan reads only those pages). The first range
 * has no lower bound and the last none above, so together they cover every tuple whatever the
 * table's size when the COPYs run; -1 stands for "no bound".
 */
public record CtidRange(long fromPage, long toPage) {
    /** The whole relation: no ctid condition at all. */
    public static final CtidRange WHOLE = new CtidRange(-1, -1);

    /**
     * Splits {@code pages} pages into at most {@code ranges} ranges of at least {@code minPages}
     * pages each (a small day is not worth a second connection and file).
     */
    public static List<CtidRange> split(long pages, int ranges, long minPages) {
        if (ranges < 1 || minPages < 1) {
            throw new IllegalArgumentException("ranges and minPages must be at least 1");
        }
        int count = (int) Math.max(1, Math.min(ranges, pages / minPages));
        List<CtidRange> split = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long from = i == 0 ? -1 : pages * i / count;
            long to = i == count - 1 ? -1 : pages * (i + 1) / count;
            split.add(new CtidRange(from, to));
        }
        return List.copyOf(split);
    }

    /** The condition to AND to the day's bounds ("" for the whole relation). */
    String predicate() {
        return (fromPage < 0 ? "" : " AND ctid >= '(" + fromPage + ",0)'::tid")
                + (toPage < 0 ? "" : " AND ctid < '(" + toPage + ",0)'::tid");
    }
}
