package com.tokyoia.persistence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.persistence.domain.paging.InvalidCursorException;
import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.paging.TimeRange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysetCursorTest {

    @Test
    void roundTripKeepsNanosecondsAndId() {
        KeysetCursor cursor = new KeysetCursor(Instant.parse("2026-11-26T01:02:03.123456789Z"), UUID.randomUUID().toString());
        KeysetCursor decoded = KeysetCursor.decode(cursor.encode());
        assertThat(decoded).isEqualTo(cursor);
        assertThat(decoded.uuidId().toString()).isEqualTo(cursor.id());
        assertThat(cursor.encode()).doesNotContain("=", "+", "/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not-base64!!", "bm9wZQ", "MnwxfDF8eA", "MXx4fDF8eA", "MXwxfC0xfHg"})
    void rejectsAnythingItDidNotProduce(String encoded) {
        assertThatThrownBy(() -> KeysetCursor.decode(encoded)).isInstanceOf(InvalidCursorException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1|31556889864403199|0|x", "1|-62135596801|0|x"})
    void rejectsTimesNoListCanHold(String raw) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> KeysetCursor.decode(encoded)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void rejectsACursorOfAnotherList() {
        String numeric = new KeysetCursor(Instant.EPOCH, "42").encode();
        assertThat(KeysetCursor.decode(numeric).longId()).isEqualTo(42L);
        assertThatThrownBy(() -> KeysetCursor.decode(numeric).uuidId()).isInstanceOf(InvalidCursorException.class);
        String uuid = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("1|0|0|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> KeysetCursor.decode(uuid).longId()).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void pageUsesTheExtraRowOnlyToSignalMore() {
        List<Integer> fetched = List.of(1, 2, 3, 4);
        Page<Integer> page = Page.of(fetched, 3, i -> new KeysetCursor(Instant.ofEpochSecond(i), String.valueOf(i)));
        assertThat(page.items()).containsExactly(1, 2, 3);
        assertThat(page.next().id()).isEqualTo("3");
        Page<Integer> last = Page.of(List.of(1, 2, 3), 3, i -> new KeysetCursor(Instant.ofEpochSecond(i), String.valueOf(i)));
        assertThat(last.items()).hasSize(3);
        assertThat(last.next()).isNull();
    }

    @Test
    void timeRangeMustBeForward() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        assertThatThrownBy(() -> new TimeRange(t, t)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeRange(t.plusSeconds(1), t)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TimeRange(t, null).to()).isNull();
    }
}
