package com.tokyoia.lake.application.port;

import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.domain.StoredVersion;
import com.tokyoia.lake.domain.lifecycle.ArchiveState;
import com.tokyoia.lake.domain.lifecycle.RestoreTier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where lake files live: S3 (or an S3-compatible server) or a local directory. Keys are relative
 * to the store's root ({@code <table>/year=YYYY/month=MM/day=DD/...}); {@link #uri(String)} gives
 * the full address with the store's prefix. {@code put} is atomic at the object level: a key holds
 * the whole file or nothing, and a retry overwrites instead of adding.
 */
public interface ObjectStore {

    StoredObject put(String key, Path file, String sha256Hex) throws IOException;

    Optional<StoredObject> head(String key) throws IOException;

    void download(String key, Path target) throws IOException;

    /**
     * The stored versions of the key, newest first. A store that keeps no versions (a local
     * directory, an unversioned bucket) lists the current object only.
     */
    List<StoredVersion> versions(String key) throws IOException;

    /** Downloads one stored version of the key. */
    void download(String key, String versionId, Path target) throws IOException;

    /** The object's storage class and restore state; empty when the store no longer has the key. */
    Optional<ArchiveState> archiveState(String key) throws IOException;

    /**
     * Asks for a readable copy of an archived object for {@code days} days, at {@code tier} (Bulk
     * or Standard); a restore already in progress is not an error.
     */
    void requestRestore(String key, int days, RestoreTier tier) throws IOException;

    /** Deletes the object; deleting a missing key is not an error. */
    void delete(String key) throws IOException;

    /** Keys under a prefix (relative to the store's root), staging names excluded. */
    List<String> list(String prefix) throws IOException;

    String uri(String key);

    /** Whether the store answers, at no cost (a bucket request, a directory check): what answered, or why not. */
    String probe() throws IOException;
}
