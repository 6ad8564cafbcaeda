package com.tokyoia.web.interfaces.rest.json;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.web.application.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":{", "{\"a\":[", "{\"name\":\"x\",\"a\":{\"b\":", "[", "{", "}{", "{\"a\":1}}", "\"open"})
    @Timeout(10)
    void truncatedOrBrokenBodiesAreRefusedAtOnce(String body) {
        assertThatThrownBy(() -> JsonBodyGuard.check(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    @Timeout(10)
    void deepNestingIsRefusedWhateverTheLength() {
        String deep = "{\"a\":".repeat(JsonBodyGuard.MAX_DEPTH + 1) + "1" + "}".repeat(JsonBodyGuard.MAX_DEPTH + 1);
        assertThatThrownBy(() -> JsonBodyGuard.check(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("deeper");
        String endless = "[".repeat(1_000_000);
        assertThatThrownBy(() -> JsonBodyGuard.check(endless.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void wellFormedBodiesPass() {
        String nested = "{\"a\":".repeat(JsonBodyGuard.MAX_DEPTH) + "1" + "}".repeat(JsonBodyGuard.MAX_DEPTH);
        assertThatCode(() -> JsonBodyGuard.check(nested.getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
        assertThatCode(() -> JsonBodyGuard.check("{\"points\":[{\"v\":1.5e3,\"s\":\"\\u00e9\"}],\"x\":null}"
                .getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
        assertThatCode(() -> JsonBodyGuard.check("42".getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
    }
}
