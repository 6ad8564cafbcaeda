package com.tokyoia.analytics.application.port;

import java.math.BigDecimal;

/** Counts every analytics question by outcome: answered (with its time, scan and cost), refused before running, or failed. */
public interface QueryMetrics {
    QueryMetrics NONE = new QueryMetrics() {
        @Override
        public void answered(String engine, long durationMs, Long scannedBytes, BigDecimal costUsd, boolean cacheHit) {
        }

        @Override
        public void refused(String reason) {
        }

        @Override
        public void failed(String engine) {
        }
    };

    void answered(String engine, long durationMs, Long scannedBytes, BigDecimal costUsd, boolean cacheHit);

    void refused(String reason);

    void failed(String engine);
}
