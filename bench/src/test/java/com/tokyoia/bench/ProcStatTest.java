package com.tokyoia.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void readsTheTimesAfterACommandNameWithSpacesAndParentheses() {
        String line = "4242 (post (gres) x) S 1 4242 4242 0 -1 4194560 1200 0 0 0 731 88 12 5 20 0 1 0 5000 180000000 4000 "
                + "18446744073709551615 1 1 0 0 0 0 0 16781312 16386 0 0 0 17 1 0 0 0 0 0";

        ProcStat stat = ProcStat.parse(line);

        assertThat(stat.command()).isEqualTo("post (gres) x");
        assertThat(stat.ownTicks()).isEqualTo(731 + 88);
        assertThat(stat.reapedChildrenTicks()).isEqualTo(12 + 5);
    }

    @Test
    void thisProcessHasSpentSomeCpu() throws IOException {
        ProcStat self = ProcStat.read(Path.of("/proc/self")).orElseThrow();

        assertThat(self.command()).isEqualTo("java");
        assertThat(self.ownTicks()).isPositive();
    }

    @Test
    void aProcessThatIsGoneIsEmpty() throws IOException {
        assertThat(ProcStat.read(Path.of("/proc/0"))).isEmpty();
    }

    @Test
    void aLineThatIsNotAStatLineIsRefused() {
        assertThatThrownBy(() -> ProcStat.parse("no name here")).isInstanceOf(IllegalArgumentException.class);
    }
}
