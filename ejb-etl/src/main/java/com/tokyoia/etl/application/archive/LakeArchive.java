package com.tokyoia.etl.application.archive;

import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.port.FailureReport;
import com.tokyoia.etl.domain.ExportRequest;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.lifecycle.ArchiveState;
import com.tokyoia.lake.domain.lifecycle.RestorePrices;
import com.tokyoia.lake.domain.lifecycle.RestoreTier;
import com.tokyoia.lake.domain.lifecycle.StorageClass;
import com.tokyoia.lake.domain.lifecycle.StorageClassModel;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The lake's objects in their storage classes. A daily refresh reads each current version's
 * object from the store (S3 HeadObject: the class the lifecycle rules moved it to, a restore in
 * progress, until when a restored copy stays) into the manifest, and marks and alerts objects the
 * store no longer has. Days whose copies are archived can be restored: quoted first, then asked for
 * object by object; the next refresh sees the restored copies, and the router reads them until they
 * expire again.
 */
public final class LakeArchive {
    private static final Logger LOG = Logger.getLogger(LakeArchive.class.getName());
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);
    private static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    private final Manifest manifest;
    private final ObjectStore store;
    private final StorageClassModel lifecycle;
    private final RestorePrices prices;
    private final Alerts alerts;
    private final Clock clock;

    public LakeArchive(Manifest manifest, ObjectStore store, StorageClassModel lifecycle, RestorePrices prices, Alerts alerts,
                       Clock clock) {
        this.manifest = manifest;
        this.store = store;
        this.lifecycle = lifecycle;
        this.prices = prices;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** What a refresh found. */
    public record Refreshed(int checked, int changed, List<String> missing) {
    }

    /** One (table, day) copy with what the store says of it. */
    public record CopyState(String table, LocalDate day, int version, String key, long bytes, String storageClass,
                            String expectedStorageClass, boolean readable, Instant restoredUntil) {
    }

    /** The price of restoring the archived copies of a range, before anything is asked. */
    public record RestoreQuote(RestoreTier tier, int objects, long bytes, BigDecimal usd, List<CopyState> copies) {
    }

    public Refreshed refresh(long executionId) throws IOException, SQLException {
        Instant now = clock.instant();
        int checked = 0;
        int changed = 0;
        List<String> missing = new ArrayList<>();
        for (ManifestEntry entry : manifest.currentVersions(null, FIRST_DAY, LocalDate.ofInstant(now, clock.getZone()))) {
            if (entry.objectKey() == null) {
                continue;
            }
            checked++;
            Optional<ArchiveState> state = store.archiveState(entry.objectKey());
            String storageClass = state.map(s -> s.storageClass().name()).orElse(StorageClass.MISSING.name());
            Instant restoredUntil = state.map(ArchiveState::restoredUntil).orElse(null);
            if (state.isEmpty()) {
                missing.add(entry.table() + " " + entry.day());
                if (!StorageClass.MISSING.name().equals(entry.storageClass())) {
                    // Once per object: the next refresh finds it MISSING already.
                    alerts.failed(Alerts.STORAGE, new FailureReport("storage-classes", entry.table(), entry.day().toString(),
                            "the lake copy " + entry.objectKey() + " (version " + entry.version() + ") is gone from the store: expired "
                            + "or deleted. Restore it from a replica or an earlier object version (docs/runbook.md)", executionId));
                }
            } else if (StorageClass.MISSING.name().equals(entry.storageClass())) {
                alerts.recovered(Alerts.STORAGE, entry.table(), entry.day());
            }
            if (!storageClass.equals(entry.storageClass()) || !equal(restoredUntil, entry.restoredUntil())) {
                changed++;
            }
            manifest.markStorage(entry.id(), storageClass, restoredUntil, now);
        }
        Refreshed result = new Refreshed(checked, changed, missing);
        LOG.info(() -> "Storage classes: " + result.checked() + " objects checked, " + result.changed() + " changed, "
                + result.missing().size() + " missing");
        return result;
    }

    /** Every current copy in the range, with its storage class now and the one the lifecycle policy gives its age. */
    public List<CopyState> states(ExportRequest range) throws SQLException {
        Instant now = clock.instant();
        List<CopyState> states = new ArrayList<>();
        for (LakeTable table : range.tables()) {
            for (ManifestEntry entry : manifest.currentVersions(table.name(), range.from(), range.to())) {
                long age = entry.exportedAt() == null ? 0 : Duration.between(entry.exportedAt(), now).toDays();
                states.add(new CopyState(entry.table(), entry.day(), entry.version(), entry.objectKey(),
                        entry.bytes() == null ? 0 : entry.bytes(), entry.storageClass(), lifecycle.expected(age).name(),
                        entry.readableAt(now), entry.restoredUntil()));
            }
        }
        return states;
    }

    public RestoreQuote quote(ExportRequest range, RestoreTier tier) throws SQLException {
        List<CopyState> archived = states(range).stream()
                .filter(c -> !c.readable() && !StorageClass.MISSING.name().equals(c.storageClass())).toList();
        long bytes = archived.stream().mapToLong(CopyState::bytes).sum();
        BigDecimal perGb = prices.perGb(tier);
        BigDecimal perThousand = prices.perThousand(tier);
        BigDecimal usd = BigDecimal.valueOf(bytes).divide(GIB, 12, RoundingMode.HALF_UP).multiply(perGb)
                .add(BigDecimal.valueOf(archived.size()).multiply(perThousand).divide(BigDecimal.valueOf(1000), 12, RoundingMode.HALF_UP))
                .setScale(6, RoundingMode.UP);
        return new RestoreQuote(tier, archived.size(), bytes, usd, archived);
    }

    /** Asks for readable copies of the range's archived objects for {@code days} days; returns what was asked for, priced. */
    public RestoreQuote restore(ExportRequest range, RestoreTier tier, int days) throws IOException, SQLException {
        RestoreQuote quote = quote(range, tier);
        Instant now = clock.instant();
        for (CopyState copy : quote.copies()) {
            store.requestRestore(copy.key(), days, tier);
            for (ManifestEntry entry : manifest.currentVersions(copy.table(), copy.day(), copy.day())) {
                manifest.markRestoreRequested(entry.id(), tier.name(), now);
            }
        }
        LOG.info(() -> "Restore asked for " + quote.objects() + " objects (" + quote.bytes() + " bytes, about $" + quote.usd()
                + ", tier " + tier + ", " + days + " days)");
        return quote;
    }

    private static boolean equal(Instant a, Instant b) {
        return a == null ? b == null : a.equals(b);
    }
}
