package com.tokyoia.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class OutageTrackerTest {
    private Instant now = Instant.parse("2026-11-26T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    @Test
    void skipsDuringRetryIntervalAndWarnsOncePerOutage() {
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger(OutageTracker.class.getName());
        Handler handler = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        logger.addHandler(handler);
        try {
            OutageTracker tracker = new OutageTracker(clock, Duration.ofSeconds(5), "127.0.0.1:1");
            assertThat(tracker.shouldTry()).isTrue();
            for (int i = 0; i < 100; i++) {
                tracker.failed(new ConnectException("refused"));
            }
            assertThat(tracker.isDown()).isTrue();
            assertThat(tracker.shouldTry()).isFalse();
            now = now.plusSeconds(5);
            assertThat(tracker.shouldTry()).isTrue();
            tracker.failed(new ConnectException("refused"));
            assertThat(tracker.shouldTry()).isFalse();
            assertThat(records).filteredOn(r -> r.getLevel() == Level.WARNING).hasSize(1);

            now = now.plusSeconds(5);
            tracker.succeeded();
            assertThat(tracker.isDown()).isFalse();
            assertThat(records).filteredOn(r -> r.getLevel() == Level.INFO).hasSize(1);
            tracker.failed(new ConnectException("refused again"));
            assertThat(records).filteredOn(r -> r.getLevel() == Level.WARNING).hasSize(2);
        } finally {
            logger.removeHandler(handler);
        }
    }
}
