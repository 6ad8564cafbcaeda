package com.tokyoia.etl.domain;

import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.platform.error.InvalidValueException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated request to export closed days [from, to] (both inclusive) of some tables. Only
 * closed days (before today, UTC) can be exported: an open day still receives rows.
 */
public record ExportRequest(LocalDate from, LocalDate to, List<LakeTable> tables) {

    /** A request value the ETL refuses; names the field. */
    public static final class InvalidExportRequest extends InvalidValueException {
        public InvalidExportRequest(String field, String message) {
            super(field, message);
        }
    }

    public static ExportRequest parse(String from, String to, String tables, LocalDate today, int maxDays) {
        LocalDate start = date("from", from);
        LocalDate end = to == null || to.isBlank() ? start : date("to", to);
        if (end.isBefore(start)) {
            throw new InvalidExportRequest("to", "must not be before 'from' (" + start + ")");
        }
        if (!end.isBefore(today)) {
            throw new InvalidExportRequest("to", end + " is not a closed day yet; the last exportable day is " + today.minusDays(1));
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > maxDays) {
            throw new InvalidExportRequest("to", "the range has " + days + " days; at most " + maxDays + " per request");
        }
        return new ExportRequest(start, end, tables(tables));
    }

    public static List<LakeTable> tables(String names) {
        if (names == null || names.isBlank()) {
            return LakeSchemaRegistry.tables();
        }
        Set<LakeTable> selected = new LinkedHashSet<>();
        for (String name : names.split(",")) {
            String trimmed = name.trim();
            selected.add(LakeSchemaRegistry.table(trimmed).orElseThrow(() -> new InvalidExportRequest("tables",
                    "unknown table '" + trimmed + "'; exported tables are "
                            + LakeSchemaRegistry.tables().stream().map(LakeTable::name).toList())));
        }
        return List.copyOf(selected);
    }

    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** What this request shares with {@code other} ("agent_tasks 2026-11-01..2026-11-03"), if anything. */
    public Optional<String> overlap(ExportRequest other) {
        LocalDate start = from.isAfter(other.from) ? from : other.from;
        LocalDate end = to.isBefore(other.to) ? to : other.to;
        List<String> shared = tables.stream().filter(other.tables::contains).map(LakeTable::name).toList();
        if (start.isAfter(end) || shared.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(",", shared) + " " + (start.equals(end) ? start : start + ".." + end));
    }

    public String tableNames() {
        return String.join(",", tables.stream().map(LakeTable::name).toList());
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidExportRequest(field, "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidExportRequest(field, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }
}
