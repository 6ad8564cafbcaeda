package com.tokyoia.etl.application;

import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * How the ETL runs (tokyoia.etl.*): retries, file sizes, ranges, catch-up, reconcile, alert channels,
 * the lease a node holds on each job execution it runs (renewed four times per lease period;
 * another node takes a dead node's execution over once its lease has expired), and whether
 * PostgreSQL also computes each exported day's content checksum (the SQL proof, a second scan),
 * and how many COPYs may read one day at once (each range of pages encoded on its own thread).
 */
public record EtlSettings(int retries, Duration retryBackoff, long rowGroupBytes, Path workDir, int maxRangeDays,
                          int catchUpMaxDays, boolean catchUpOnStart, Duration catchUpDelay, int reconcileWindowDays,
                          Optional<URI> alertWebhook, Optional<String> alertMailTo, String alertMailFrom, Duration executionLease,
                          boolean sqlProof, Compression compression, boolean v2Pages, int copyRanges) {
    /** The export's Parquet codec: Snappy (the default every reader expects) or ZSTD (smaller, more CPU). */
    public enum Compression { SNAPPY, ZSTD }


    public static EtlSettings from(ConfigReader config) {
        Path workRoot = Path.of(config.optionalText("tokyoia.etl.work-dir").orElse(System.getProperty("java.io.tmpdir")));
        EtlSettings settings = new EtlSettings(config.integer("tokyoia.etl.retries", 0, 10),
                config.duration("tokyoia.etl.retry-backoff-ms", ChronoUnit.MILLIS, 1, 600_000),
                rowGroupBytes(config, Runtime.getRuntime().maxMemory()),
                workRoot.resolve("tokyo-ia-etl"),
                config.integer("tokyoia.etl.max-range-days", 1, 3660),
                config.integer("tokyoia.etl.catch-up-max-days", 1, 3660),
                config.flag("tokyoia.etl.catch-up-on-start"),
                config.duration("tokyoia.etl.catch-up-delay-seconds", ChronoUnit.SECONDS, 0, 86_400),
                config.integer("tokyoia.etl.reconcile-window-days", 1, 3660),
                config.optionalUri("tokyoia.etl.alert.webhook-url"),
                config.optionalText("tokyoia.etl.alert.mail-to"),
                config.text("tokyoia.etl.alert.mail-from"),
                config.duration("tokyoia.etl.execution-lease-seconds", ChronoUnit.SECONDS, 8, 3600),
                config.flag("tokyoia.etl.export.sql-proof"),
                config.choice("tokyoia.etl.export.compression", Compression.class),
                config.flag("tokyoia.etl.export.parquet-v2-pages"),
                config.integer("tokyoia.etl.export.copy-ranges", 1, 16));
        if (settings.reconcileWindowDays() > settings.maxRangeDays()) {
            // The default reconcile request would be refused as too long.
            throw new InvalidSettingException("tokyoia.etl.reconcile-window-days", "is " + settings.reconcileWindowDays()
                    + ", longer than tokyoia.etl.max-range-days (" + settings.maxRangeDays() + ")");
        }
        if (settings.catchUpMaxDays() > settings.maxRangeDays()) {
            // Every catch-up job would fail its range check.
            throw new InvalidSettingException("tokyoia.etl.catch-up-max-days", "is " + settings.catchUpMaxDays()
                    + ", longer than tokyoia.etl.max-range-days (" + settings.maxRangeDays() + ")");
        }
        return settings;
    }

    /**
     * {@code tokyoia.etl.row-group-mb}, or with {@code auto} what the heap leaves: a WildFly with the
     * application deployed keeps about 160 MB of its own (192 MiB are set aside for it), and the
     * daily job exports two (table, day) partitions at once (its default threads), each holding up
     * to two row groups (the one it writes, the one its read-back proof reads), so a quarter of the
     * rest, from 8 to 64 MiB. Measured at
     * -Xmx256m: 64 and 32 MiB row groups ran the export of a 1M-task day out of heap, 16 MiB did not;
     * the default 512 MB heap gets 64 MiB.
     */
    static long rowGroupBytes(ConfigReader config, long maxHeapBytes) {
        String key = "tokyoia.etl.row-group-mb";
        String value = config.text(key);
        if (!value.equalsIgnoreCase("auto")) {
            try {
                return config.whole(key, 1, 1024) << 20;
            } catch (InvalidSettingException e) {
                throw new InvalidSettingException(key, "is '" + value + "': auto, or a whole number of MiB from 1 to 1024");
            }
        }
        long quarterOfTheRest = (maxHeapBytes - (192L << 20)) / 4 >> 20 << 20;
        return Math.max(8L << 20, Math.min(64L << 20, quarterOfTheRest));
    }

    /** Never prints the webhook URL: a Slack webhook URL is a credential. */
    @Override
    public String toString() {
        return "EtlSettings[retries " + retries + " from " + retryBackoff.toMillis() + " ms, row groups "
                + (rowGroupBytes >> 20) + " MiB, work dir " + workDir + ", max range " + maxRangeDays + " days, catch-up "
                + catchUpMaxDays + " days" + (catchUpOnStart ? " (also " + catchUpDelay.toSeconds() + " s after start)" : "")
                + ", reconcile window " + reconcileWindowDays + " days, webhook " + (alertWebhook.isPresent() ? "set" : "none")
                + ", mail " + alertMailTo.orElse("none") + ", execution lease " + executionLease.toSeconds() + " s, SQL proof "
                + (sqlProof ? "on" : "off") + ", " + compression.name().toLowerCase(Locale.ROOT) + (v2Pages ? ", v2 pages" : "") + ", "
                + copyRanges + " COPY range" + (copyRanges == 1 ? "" : "s") + " per day]";
    }

    /** How often a node renews its leases and looks for executions a dead node left: four times per lease. */
    public Duration leaseRenewal() {
        return executionLease.dividedBy(4);
    }
}
