package com.tokyoia.web.interfaces.rest.json;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * Scalar readers that take a JSON value only in its own type. JSON-B by default turns
 * {@code "name": 42} into "42", {@code "tokens": 3.5} into 3 and {@code 1e309} into a number that
 * never was: each of those is a client mistake the client should hear about, so the field's
 * declared type (the one the OpenAPI document shows) is the only one accepted.
 */
final class StrictScalars {
    private static final int MAX_MAGNITUDE = 400;
    private StrictScalars() {
    }

    static JsonbDeserializer<?>[] all() {
        return new JsonbDeserializer<?>[]{new Text(), new Int(), new Long64(), new Decimal(), new Real(), new Bool()};
    }

    static final class Text implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case STRING -> ((JsonString) value).getString();
                case NULL -> null;
                default -> throw wrongType("a string", value);
            };
        }
    }

    static final class Int implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            BigDecimal value = number(parser, true);
            try {
                return value == null ? null : value.intValueExact();
            } catch (ArithmeticException e) {
                throw new JsonbException("expected a 32-bit integer, got " + value);
            }
        }
    }

    static final class Long64 implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            BigDecimal value = number(parser, true);
            try {
                return value == null ? null : value.longValueExact();
            } catch (ArithmeticException e) {
                throw new JsonbException("expected a 64-bit integer, got " + value);
            }
        }
    }

    static final class Decimal implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return number(parser, false);
        }
    }

    static final class Real implements JsonbDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context, Type type) {
            BigDecimal value = number(parser, false);
            if (value == null) {
                return null;
            }
            double real = value.doubleValue();
            if (Double.isInfinite(real) || (real == 0 && value.signum() != 0)) {
                throw new JsonbException("expected a number within the range of a double, got " + value);
            }
            return real;
        }
    }

    static final class Bool implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case NULL -> null;
                default -> throw wrongType("true or false", value);
            };
        }
    }

    /** The parser's current value, which must be a JSON number (an integral one when {@code integral}). */
    private static BigDecimal number(JsonParser parser, boolean integral) {
        JsonValue json = parser.getValue();
        switch (json.getValueType()) {
            case NULL -> {
                return null;
            }
            case NUMBER -> {
                BigDecimal value = ((JsonNumber) json).bigDecimalValue();
                // Beyond any double; and 1e999999999 must not be expanded to its digits by an exact conversion.
                if (Math.abs((long) value.precision() - value.scale()) > MAX_MAGNITUDE) {
                    throw new JsonbException("expected a number of reasonable magnitude, got " + abbreviate(value));
                }
                if (integral && value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                    throw new JsonbException("expected an integer, got " + value);
                }
                return value;
            }
            default -> throw wrongType(integral ? "an integer" : "a number", json);
        }
    }

    private static String abbreviate(BigDecimal value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static JsonbException wrongType(String expected, JsonValue value) {
        return new JsonbException("expected " + expected + ", got " + value.getValueType().name().toLowerCase());
    }
}
