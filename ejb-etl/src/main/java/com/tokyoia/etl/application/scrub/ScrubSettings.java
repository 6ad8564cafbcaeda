package com.tokyoia.etl.application.scrub;

import com.tokyoia.platform.config.ConfigReader;

/**
 * How much of the lake one scrub re-reads (tokyoia.etl.scrub.*): at most this many copies and,
 * after the first, no more than this many bytes, so a night's scrub has a bounded time and (on S3)
 * a bounded number of GETs and bytes transferred.
 */
public record ScrubSettings(int copiesPerRun, long bytesPerRun) {

    public static ScrubSettings from(ConfigReader config) {
        return new ScrubSettings(config.integer("tokyoia.etl.scrub.copies-per-run", 1, 100_000),
                config.whole("tokyoia.etl.scrub.mb-per-run", 1, 10_000_000) << 20);
    }
}
