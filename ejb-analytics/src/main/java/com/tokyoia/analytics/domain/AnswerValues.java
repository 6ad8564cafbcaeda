package com.tokyoia.analytics.domain;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;

/**
 * How an answer's values travel as JSON, in its rows and in its cursors alike: a decimal is a JSON
 * number, null is null, anything else (UUIDs, names, days) a string; read back, a number is a
 * decimal and a string a string. Kept in one place so a row read back from the cache and a cursor's
 * key compare with the rows they came from.
 */
public final class AnswerValues {
    /**
     * The JSON provider, looked up once: {@code Json.createReader} and its kin look it up with a
     * ServiceLoader on every call, which in WildFly's module class loaders was 9 % of a cache hit's CPU.
     */
    public static final JsonProvider JSON = JsonProvider.provider();

    private AnswerValues() {
    }

    public static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        return value instanceof BigDecimal number ? JSON.createValue(number) : JSON.createValue(value.toString());
    }

    /** The value a JSON value stands for; an array, object or boolean is no answer value ({@link IllegalArgumentException}). */
    public static Object fromJson(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case STRING -> ((JsonString) value).getString();
            default -> throw new IllegalArgumentException("an answer value is a number, a string or null, not " + value.getValueType());
        };
    }
}
