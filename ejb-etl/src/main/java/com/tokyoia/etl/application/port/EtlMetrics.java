package com.tokyoia.etl.application.port;

/** Counts exports per table: rows, bytes and time of each exported day, and each day that finally failed. */
public interface EtlMetrics {
    EtlMetrics NONE = new EtlMetrics() {
        @Override
        public void exported(String table, long rows, long bytes, long millis) {
        }

        @Override
        public void failed(String table) {
        }
    };

    void exported(String table, long rows, long bytes, long millis);

    void failed(String table);
}
