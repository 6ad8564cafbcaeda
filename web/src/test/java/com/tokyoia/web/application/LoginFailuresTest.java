package com.tokyoia.web.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginFailuresTest {
    @Test
    void theFirstFailuresAreFreeThenTheWaitDoublesUpToItsCap() {
        assertThat(LoginFailures.delayAfter(1)).isZero();
        assertThat(LoginFailures.delayAfter(3)).isZero();
        assertThat(LoginFailures.delayAfter(4)).isEqualTo(Duration.ofMillis(250));
        assertThat(LoginFailures.delayAfter(5)).isEqualTo(Duration.ofMillis(500));
        assertThat(LoginFailures.delayAfter(7)).isEqualTo(Duration.ofSeconds(2));
        assertThat(LoginFailures.delayAfter(9)).isEqualTo(Duration.ofSeconds(5));
        assertThat(LoginFailures.delayAfter(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }
}
