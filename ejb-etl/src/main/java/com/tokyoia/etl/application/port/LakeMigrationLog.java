package com.tokyoia.etl.application.port;

import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import java.sql.SQLException;

/**
 * What a lake migration did to each version it moves to a target (table lake_migration_copy): the
 * ground a restarted or repeated migration stands on, and the progress the runs API shows.
 */
public interface LakeMigrationLog {

    enum State { PLANNED, VERIFIED, MOVED, FAILED }

    /** Takes the version into the execution's work and says how far an earlier attempt got with it. */
    State claim(ManifestEntry version, LakeLocation source, LakeLocation target, long executionId) throws SQLException;

    /** The target holds a copy of the version whose size and SHA-256 were read back and match the manifest. */
    void verified(long manifestId, LakeLocation target) throws SQLException;

    /**
     * In one transaction: the manifest's version now lives at {@code target} (and names {@code source}
     * as where its earlier copy stays) with the target object's storage class and ETag, and the log says MOVED. False when the version is no longer
     * at {@code source} (moved meanwhile by another run): nothing changed.
     */
    boolean switched(long manifestId, LakeLocation source, LakeLocation target, StoredObject atTarget) throws SQLException;

    /**
     * Holds the one migration this database runs at a time until closed (a PostgreSQL advisory lock
     * on a connection of its own: it goes with a killed server).
     *
     * @throws IllegalStateException when another migration holds it
     */
    AutoCloseable exclusive() throws SQLException;

    /** The attempt failed; a copy already verified stays VERIFIED (it need not be copied again). */
    void failed(long manifestId, LakeLocation target, String error) throws SQLException;

    /** How far an execution got: versions planned and moved, their bytes, and the failures. */
    Progress progress(long executionId) throws SQLException;

    record Progress(int versions, int moved, int failed, long bytesMoved, long bytesTotal) {
    }
}
