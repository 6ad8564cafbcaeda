package com.tokyoia.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void eachRequestIsDueAtItsOwnSlotCountedFromTheStart() {
        Schedule schedule = Schedule.of(400, Duration.ofSeconds(3), 1_000);

        assertThat(schedule.count()).isEqualTo(1_200);
        assertThat(schedule.dueNanos(0)).isEqualTo(1_000);
        assertThat(schedule.dueNanos(7)).isEqualTo(1_000 + 7 * 2_500_000L);
    }

    @Test
    void aPlanStartedLaterKeepsItsRequestsAndInterval() {
        Schedule started = Schedule.of(400, Duration.ofSeconds(3), 0).startingAt(5_000);

        assertThat(started.count()).isEqualTo(1_200);
        assertThat(started.dueNanos(0)).isEqualTo(5_000);
        assertThat(started.dueNanos(7)).isEqualTo(5_000 + 7 * 2_500_000L);
    }

    @Test
    void aLateRequestIsDueAtOnceAndKeepsItsDueTime() {
        long longAgo = System.nanoTime() - Duration.ofMinutes(1).toNanos();
        Schedule schedule = Schedule.of(10, Duration.ofSeconds(1), longAgo);

        assertThat(schedule.awaitDue(5)).isEqualTo(longAgo + 500_000_000L);
    }

    @Test
    void aRateThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> Schedule.of(0, Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Schedule.of(Double.NaN, Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
