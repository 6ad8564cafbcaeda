package com.tokyoia.etl.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aTransientFailureIsTriedAgainUpToTheLimitThenSurfaces() {
        Retry retry = new Retry(2, Duration.ofMillis(1), e -> e instanceof IOException);
        assertThatThrownBy(() -> retry.call("step", () -> {
            attempts.incrementAndGet();
            throw new IOException("connection reset");
        })).isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aStepThatRecoversReturnsItsValue() throws Exception {
        Retry retry = new Retry(3, Duration.ofMillis(1), e -> e instanceof IOException);
        String value = retry.call("step", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("503");
            }
            return "done";
        });
        assertThat(value).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aPermanentFailureFailsAtOnce() {
        Retry retry = new Retry(3, Duration.ofMillis(1), e -> e instanceof IOException);
        assertThatThrownBy(() -> retry.call("step", () -> {
            attempts.incrementAndGet();
            throw new ExportVerificationException("checksum differs");
        })).isInstanceOf(ExportVerificationException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anInterruptStopsTheWaitAndKeepsTheInterruptFlag() {
        Retry retry = new Retry(3, Duration.ofSeconds(30), e -> true);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> retry.call("step", () -> {
                throw new IOException("reset");
            })).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
