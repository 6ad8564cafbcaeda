package com.tokyoia.lake.domain.schema;

import java.util.List;
import java.util.Optional;

/**
 * An exported table: its columns in file order, the day column (UTC event time) that picks the
 * lake partition, and the sort order inside a file (chosen so similar rows sit together and
 * compress well).
 */
public record LakeTable(String name, String dayColumn, List<LakeColumn> columns, List<String> sortColumns) {
    public LakeTable {
        columns = List.copyOf(columns);
        sortColumns = List.copyOf(sortColumns);
        if (find(columns, dayColumn).filter(c -> c.type() == LakeType.TIMESTAMP && !c.nullable()).isEmpty()) {
            throw new IllegalArgumentException(name + ": day column " + dayColumn + " must be a required timestamp");
        }
        for (String sort : sortColumns) {
            if (find(columns, sort).isEmpty()) {
                throw new IllegalArgumentException(name + ": unknown sort column " + sort);
            }
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
