package com.tokyoia.etl.application.retention;

import com.tokyoia.etl.application.Retry;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Deletes the files of versions a newer proven version replaced, once that newer one has been
 * current for the grace period (readers that planned with the old version have long finished).
 * S3 versioning still keeps the deleted objects for the bucket's noncurrent-version window.
 */
public final class SupersededVersions {
    private static final Logger LOG = Logger.getLogger(SupersededVersions.class.getName());
    private final Manifest manifest;
    private final ObjectStore store;
    private final Retry retry;
    private final Duration grace;
    private final Clock clock;

    public SupersededVersions(Manifest manifest, ObjectStore store, Retry retry, Duration grace, Clock clock) {
        this.manifest = manifest;
        this.store = store;
        this.retry = retry;
        this.grace = grace;
        this.clock = clock;
    }

    /** Returns how many versions' files were deleted. */
    public int remove() throws IOException, SQLException {
        List<ManifestEntry> replaced = manifest.supersededBefore(clock.instant().minus(grace));
        for (ManifestEntry entry : replaced) {
            // Everything in the version's folder, and its recorded key (lakes written before version folders kept it elsewhere).
            Set<String> keys = new TreeSet<>(store.list(LakeKeys.versionFolder(entry.table(), entry.day(), entry.version())));
            if (entry.objectKey() != null) {
                keys.add(entry.objectKey());
            }
            for (String key : keys) {
                retry.call("delete " + key, () -> {
                    store.delete(key);
                    return null;
                });
            }
            manifest.markRemoved(entry.id());
            LOG.info(() -> "Deleted the replaced version " + entry.version() + " of " + entry.table() + " " + entry.day());
        }
        return replaced.size();
    }
}
