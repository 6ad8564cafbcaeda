package com.tokyoia.lake.domain.schema;

import java.util.List;
import java.util.Optional;

/**
 * An exported table: its columns in file order and the day column (UTC event time) that picks the
 * lake partition. Rows inside a file are in PostgreSQL's physical order: a sort cost more than the
 * size it saved (BENCHMARKS.md, issue 14).
 */
public record LakeTable(String name, String dayColumn, List<LakeColumn> columns) {
    public LakeTable {
        columns = List.copyOf(columns);
        if (find(columns, dayColumn).filter(c -> c.type() == LakeType.TIMESTAMP && !c.nullable()).isEmpty()) {
            throw new IllegalArgumentException(name + ": day column " + dayColumn + " must be a required timestamp");
        }
    }

    public Optional<LakeColumn> column(String columnName) {
        return find(columns, columnName);
    }

    private static Optional<LakeColumn> find(List<LakeColumn> columns, String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(LakeColumn::name).toList();
    }
}
