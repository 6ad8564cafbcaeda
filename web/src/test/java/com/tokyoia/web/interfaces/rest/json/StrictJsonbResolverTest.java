package com.tokyoia.web.interfaces.rest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.web.interfaces.rest.dto.MetricBatchRequest;
import com.tokyoia.web.interfaces.rest.dto.SessionRequest;
import com.tokyoia.web.interfaces.rest.dto.TaskOutcomeRequest;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonbResolverTest {
    private final Jsonb jsonb = new StrictJsonbResolver().getContext(Object.class);

    @Test
    void valuesInTheirOwnTypeAreRead() {
        TaskOutcomeRequest outcome = jsonb.fromJson("{\"tokensInput\":12,\"tokensOutput\":1e2,\"costUsd\":0.0015,"
                + "\"latencyMs\":null,\"errorMessage\":\"x\"}", TaskOutcomeRequest.class);
        assertThat(outcome.tokensInput()).isEqualTo(12);
        assertThat(outcome.tokensOutput()).isEqualTo(100);
        assertThat(outcome.costUsd()).isEqualByComparingTo(new BigDecimal("0.0015"));
        assertThat(outcome.latencyMs()).isNull();
        MetricBatchRequest metrics = jsonb.fromJson("{\"points\":[{\"agentId\":\"0f0f0f0f-0000-4000-8000-000000000001\","
                + "\"name\":\"latency_ms\",\"value\":-2.5e-3,\"unit\":\"ms\",\"recordedAt\":\"2026-11-26T00:00:00Z\"}]}",
                MetricBatchRequest.class);
        assertThat(metrics.points().get(0).value()).isEqualTo(-0.0025);
    }

    @Test
    void unknownPropertiesAreRefusedNotDropped() {
        assertThatThrownBy(() -> jsonb.fromJson("{\"userId\":\"u\",\"clinet\":\"c\"}", SessionRequest.class))
                .isInstanceOf(JsonbException.class).hasMessageContaining("clinet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"12\"", "3.5", "2147483648", "true", "[]", "{}", "1e999999999", "1E-400"})
    void integersOnlyAsIntegers(String value) {
        assertThatThrownBy(() -> jsonb.fromJson("{\"tokensInput\":" + value + "}", TaskOutcomeRequest.class))
                .isInstanceOf(JsonbException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "true", "3.5", "[]", "{\"a\":1}"})
    void textOnlyAsText(String value) {
        assertThatThrownBy(() -> jsonb.fromJson("{\"userId\":" + value + ",\"client\":\"c\"}", SessionRequest.class))
                .isInstanceOf(JsonbException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1.5\"", "1e309", "1e-400", "false"})
    void realsOnlyAsFiniteNumbers(String value) {
        assertThatThrownBy(() -> jsonb.fromJson("{\"points\":[{\"agentId\":\"0f0f0f0f-0000-4000-8000-000000000001\","
                + "\"name\":\"n\",\"value\":" + value + ",\"unit\":\"u\",\"recordedAt\":\"2026-11-26T00:00:00Z\"}]}",
                MetricBatchRequest.class)).isInstanceOf(JsonbException.class);
    }
}
