package com.tokyoia.web.interfaces.rest;

import com.tokyoia.persistence.domain.paging.InvalidCursorException;
import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.TimeRange;
import com.tokyoia.web.application.InvalidInputException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses and checks values that arrive as text (path and query parameters) and validates bodies,
 * turning every problem into an {@link InvalidInputException} that names the field. Parameters are
 * taken as strings so a bad value gets this message instead of a bare 404 from JAX-RS.
 */
@ApplicationScoped
public class RequestValues {
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F]");
    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");
    @Inject
    ValidatorFactory validation;
    private Validator validator;

    /**
     * Bodies are plain request records, never JPA entities with lazy state, so each property is
     * reachable: with Hibernate ORM present, the default resolver asks JPA's PersistenceUtil about
     * every property of every element instead, which took a third of the server's CPU on metric
     * batches (BENCHMARKS.md, "The hot API under an open-loop load").
     */
    @PostConstruct
    void validatorForBodies() {
        validator = validation.usingContext().traversableResolver(new EveryPropertyReachable()).getValidator();
    }

    private static final class EveryPropertyReachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootBean, Path pathToProperty, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBean, Path pathToProperty, ElementType type) {
            return true;
        }
    }

    public UUID uuid(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + abbreviate(value) + "' is not a UUID");
        }
    }

    /** An ISO-8601 UTC instant with a four-digit year, the range every store and engine here can hold. */
    public Instant instant(String field, String value) {
        Instant at = parse(field, value, Instant::parse, "an ISO-8601 UTC instant such as 2026-11-26T00:00:00Z");
        if (at != null && (at.isBefore(FIRST_INSTANT) || at.isAfter(LAST_INSTANT))) {
            throw new InvalidInputException(field, "'" + abbreviate(value) + "' is outside " + FIRST_INSTANT + " .. " + LAST_INSTANT);
        }
        return at;
    }

    /** A UTC day (YYYY-MM-DD); {@code fallback} when absent. */
    public LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null) {
            return fallback;
        }
        LocalDate day = parse(field, value, LocalDate::parse, "a date (YYYY-MM-DD)");
        if (day.getYear() < 1 || day.getYear() > 9999) {
            throw new InvalidInputException(field, "'" + abbreviate(value) + "' is not a date with a four-digit year");
        }
        return day;
    }

    public TimeRange range(String from, String to, boolean required) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (required && start == null) {
            throw new InvalidInputException("from", "is required");
        }
        if (required && end == null) {
            throw new InvalidInputException("to", "is required");
        }
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidInputException("to", "must be after 'from'");
        }
        return new TimeRange(start, end);
    }

    public <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + abbreviate(value) + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Free text from a query: at most {@code maxLength} characters and no control characters. */
    public String text(String field, String value, int maxLength) {
        if (value != null && (value.length() > maxLength || CONTROL.matcher(value).find())) {
            throw new InvalidInputException(field, "must be at most " + maxLength + " characters without control characters");
        }
        return value;
    }

    /** A token from a query that must match {@code pattern} whole. */
    public String token(String field, String value, Pattern pattern, String expected) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new InvalidInputException(field, "'" + abbreviate(value) + "' is not " + expected);
        }
        return value;
    }

    public Integer integer(String field, String value) {
        return parse(field, value, Integer::valueOf, "an integer");
    }

    public KeysetCursor cursor(String value) {
        if (value == null) {
            return null;
        }
        try {
            return KeysetCursor.decode(value);
        } catch (InvalidCursorException e) {
            throw new InvalidInputException("cursor", e.getMessage());
        }
    }

    /** Parses a present value; a value the parser refuses is reported against its field as "'x' is not <expected>". */
    private static <T> T parse(String field, String value, Function<String, T> parser, String expected) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidInputException(field, "'" + abbreviate(value) + "' is not " + expected);
        }
    }

    /** Requires a body and validates it; the first violation becomes the reported field. */
    public <T> T body(T body) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }

    /** "points[3].agentId" from a violation's path, without method and parameter nodes. */
    public static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER, PARAMETER -> {
                    continue;
                }
                default -> {
                }
            }
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }
}
