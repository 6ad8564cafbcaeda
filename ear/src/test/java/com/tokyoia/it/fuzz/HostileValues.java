package com.tokyoia.it.fuzz;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hostile values the fuzz suite sends: empty, huge, control characters (U+0000 included),
 * lone surrogates, injection strings, wrong JSON types, deep nesting, out-of-range numbers and
 * dates. Strings for paths and queries; JSON values for bodies.
 */
public final class HostileValues {
    private HostileValues() {
    }

    /** Text sent as path segments and query values (URL-encoded by the sender). */
    public static List<String> strings() {
        return List.of("", " ", "\u0000", "a\u0000b", "\u0007", "line\nbreak", "x".repeat(70_000), "' OR '1'='1",
                "'; DROP TABLE agents; --", "1 UNION SELECT * FROM agents", "${jndi:ldap://127.0.0.1:1/x}", "{{7*7}}",
                "#{7*7}", "<script>alert(1)</script>", "../../../../etc/passwd", "%00", "%", "😀", "\uFFFF", "\uD800",
                "-1", "0", "2147483648", "-9223372036854775809", "1e309", "NaN", "true", "null", "[]", "{}",
                "0000-00-00", "2026-02-30", "9999-12-31", "+999999999-12-31", "-999999999-01-01T00:00:00Z",
                "2026-13-45T25:61:61Z", "00000000-0000-0000-0000-00000000000g", "00000000-0000-0000-0000-000000000000");
    }

    /** JSON values for a body field, whatever its declared type. */
    public static List<JsonValue> json() {
        List<JsonValue> values = new ArrayList<>();
        strings().forEach(s -> values.add(Json.createValue(s)));
        values.add(JsonValue.NULL);
        values.add(JsonValue.TRUE);
        values.add(Json.createValue(-1));
        values.add(Json.createValue(0));
        values.add(Json.createValue(3.5));
        values.add(Json.createValue(new BigDecimal("2147483648")));
        values.add(Json.createValue(new BigDecimal("-9223372036854775809")));
        values.add(Json.createValue(new BigDecimal("1e309")));
        values.add(Json.createValue(new BigDecimal("1e-400")));
        values.add(JsonValue.EMPTY_JSON_ARRAY);
        values.add(JsonValue.EMPTY_JSON_OBJECT);
        values.add(Json.createObjectBuilder().add("$ne", "").build());
        values.add(nested(200));
        return values;
    }

    /** Arrays nested {@code depth} deep. */
    public static JsonValue nested(int depth) {
        JsonArrayBuilder inner = Json.createArrayBuilder().add(1);
        for (int i = 1; i < depth; i++) {
            inner = Json.createArrayBuilder().add(inner);
        }
        return inner.build();
    }

    /** Whole bodies that are not a request: none of them may be accepted. */
    public static List<byte[]> bodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("", " ", "null", "[]", "\"text\"", "42", "{", "{\"a\":", "{\"a\":{", "{\"a\":[", "}{", "{\"a\":1}}",
                "[".repeat(100_000), "{\"a\":".repeat(20_000), "\u0000")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        // Invalid UTF-8 inside a string: a lone continuation byte and a truncated sequence.
        bodies.add(new byte[]{'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0x80, '"', '}'});
        bodies.add(new byte[]{'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}'});
        return bodies;
    }
}
