package com.tokyoia.web.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.persistence.domain.agent.AgentStatus;
import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.web.application.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Parsing of path and query values at the edge: every refusal names its field, nothing else leaks. */
class RequestValuesTest {
    private final RequestValues values = new RequestValues();

    private static void refused(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void validValuesParseAndAbsentOnesAreNull() {
        UUID id = UUID.fromString("0f0f0f0f-0000-4000-8000-000000000001");
        assertThat(values.uuid("id", id.toString())).isEqualTo(id);
        assertThat(values.uuid("id", null)).isNull();
        assertThat(values.instant("from", "2026-03-29T01:30:00Z")).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(values.date("from", "2024-02-29", null)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(values.date("from", null, LocalDate.of(2020, 1, 1))).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(values.enumValue("status", "PAUSED", AgentStatus.class)).isEqualTo(AgentStatus.PAUSED);
        assertThat(values.integer("limit", "25")).isEqualTo(25);
        KeysetCursor cursor = new KeysetCursor(Instant.parse("2026-01-01T00:00:00Z"), id.toString());
        assertThat(values.cursor(cursor.encode())).isEqualTo(cursor);
        assertThat(values.range("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", true).to())
                .isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    }

    @Test
    void malformedValuesAreRefusedNamingTheField() {
        refused(() -> values.uuid("id", "not-a-uuid"), "id");
        refused(() -> values.uuid("id", "0f0f0f0f-0-4000-8000-000000000001"), "id");
        refused(() -> values.instant("from", "2026-03-29 01:30"), "from");
        refused(() -> values.instant("from", "+999999999-12-31T23:59:59Z"), "from");
        refused(() -> values.instant("to", "-0001-01-01T00:00:00Z"), "to");
        refused(() -> values.date("from", "2023-02-29", null), "from");
        refused(() -> values.date("to", "+999999999-12-31", null), "to");
        refused(() -> values.enumValue("status", "paused", AgentStatus.class), "status");
        refused(() -> values.integer("limit", "1e3"), "limit");
        refused(() -> values.integer("limit", "99999999999"), "limit");
        refused(() -> values.cursor("garbage!"), "cursor");
        refused(() -> values.range(null, "2026-01-02T00:00:00Z", true), "from");
        refused(() -> values.range("2026-01-02T00:00:00Z", null, true), "to");
        refused(() -> values.range("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", false), "to");
    }

    @Test
    void longHostileValuesAreAbbreviatedInTheMessage() {
        String hostile = "x".repeat(10_000);
        assertThatThrownBy(() -> values.uuid("id", hostile)).hasMessageContaining("...").satisfies(e ->
                assertThat(e.getMessage().length()).isLessThan(200));
    }
}
