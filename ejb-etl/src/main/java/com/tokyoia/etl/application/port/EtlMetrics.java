package com.tokyoia.etl.application.port;

import com.tokyoia.etl.application.footprint.TableFootprint;
import java.util.List;

/**
 * Counts exports per table (rows, bytes and time of each exported day, and each day that finally
 * failed) and keeps the storage gauges at the latest footprint (bytes per table in PostgreSQL and
 * in the lake by storage class, partition lag).
 */
public interface EtlMetrics {
    EtlMetrics NONE = new EtlMetrics() {
        @Override
        public void exported(String table, long rows, long bytes, long millis) {
        }

        @Override
        public void failed(String table) {
        }

        @Override
        public void footprint(List<TableFootprint> tables) {
        }
    };

    void exported(String table, long rows, long bytes, long millis);

    void failed(String table);

    void footprint(List<TableFootprint> tables);
}
