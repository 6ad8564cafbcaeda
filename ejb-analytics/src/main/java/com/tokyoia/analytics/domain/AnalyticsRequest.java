package com.tokyoia.analytics.domain;

import com.tokyoia.platform.error.InvalidValueException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A validated request: the query, its day range [from, to) in UTC, its filters and which page of the answer it wants. */
public record AnalyticsRequest(AnalyticsQuery query, LocalDate from, LocalDate to, Map<String, String> filters, PageRequest page) {
    private static final Set<String> RESERVED = Set.of("from", "to", "override");

    /** A request the analytics refuse; names the parameter. */
    public static final class InvalidAnalyticsRequest extends InvalidValueException {
        public InvalidAnalyticsRequest(String field, String message) {
            super(field, message);
        }
    }

    /** With the default page limits. */
    public static AnalyticsRequest parse(String name, Map<String, String> parameters, LocalDate today, int maxDays) {
        return parse(name, parameters, today, maxDays, PageRequest.Limits.DEFAULT);
    }

    public static AnalyticsRequest parse(String name, Map<String, String> parameters, LocalDate today, int maxDays,
                                         PageRequest.Limits pageLimits) {
        AnalyticsQuery query = QueryCatalog.find(name).orElseThrow(() -> new InvalidAnalyticsRequest("name",
                "unknown query '" + name + "'; GET /api/analytics lists them"));
        LocalDate from = date("from", parameters.get("from"));
        LocalDate to = date("to", parameters.get("to"));
        if (!from.isBefore(to)) {
            throw new InvalidAnalyticsRequest("to", "must be after 'from' (the range is [from, to))");
        }
        if (to.isAfter(today.plusDays(1))) {
            throw new InvalidAnalyticsRequest("to", "must not be after tomorrow (" + today.plusDays(1) + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) > maxDays) {
            throw new InvalidAnalyticsRequest("to", "the range has " + ChronoUnit.DAYS.between(from, to)
                    + " days; at most " + maxDays);
        }
        Map<String, String> filters = new TreeMap<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (RESERVED.contains(parameter.getKey()) || PageRequest.PARAMETERS.contains(parameter.getKey())) {
                continue;
            }
            Filter filter = query.filter(parameter.getKey()).orElseThrow(() -> new InvalidAnalyticsRequest(parameter.getKey(),
                    "unknown parameter for " + query.name() + "; it accepts from, to, override, limit, cursor, top and " + QueryCatalog.describe(query)));
            if (!filter.accepts(parameter.getValue())) {
                throw new InvalidAnalyticsRequest(parameter.getKey(), "'" + abbreviate(parameter.getValue()) + "' is not a valid "
                        + (filter.kind() == Filter.Kind.UUID ? "UUID" : "value (letters, digits, _ . : - only)"));
            }
            filters.put(parameter.getKey(), parameter.getValue());
        }
        PageRequest page = PageRequest.parse(query, query.name() + " " + normalized(from, to, filters), parameters, pageLimits);
        return new AnalyticsRequest(query, from, to, filters, page);
    }

    /** The range and filters in one canonical order, for cache keys and the query log: the whole answer's, whichever page. */
    public String normalized() {
        return normalized(from, to, filters);
    }

    private static String normalized(LocalDate from, LocalDate to, Map<String, String> filters) {
        StringBuilder text = new StringBuilder("from=" + from + "&to=" + to);
        filters.forEach((k, v) -> text.append('&').append(k).append('=').append(v));
        return text.toString();
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidAnalyticsRequest(field, "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidAnalyticsRequest(field, "'" + abbreviate(value) + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }
}
