package com.tokyoia.etl.infrastructure.store;

import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.domain.StoredVersion;
import com.tokyoia.lake.domain.lifecycle.ArchiveState;
import com.tokyoia.lake.domain.lifecycle.RestoreTier;
import com.tokyoia.lake.domain.lifecycle.StorageClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The single-machine lake: a directory laid out like the bucket. Publishing is a copy to a hidden
 * staging name in the target directory followed by an atomic rename over the key.
 */
public final class LocalDirectoryStore implements ObjectStore {
    private static final String STAGING_PREFIX = ".staging-";
    /** The version id of the one version a directory has. */
    static final String CURRENT = "current";
    private final Path root;

    public LocalDirectoryStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public StoredObject put(String key, Path file, String sha256Hex) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        // One staging name per key: a retry after a crash overwrites the killed attempt's half copy.
        Path staging = target.resolveSibling(STAGING_PREFIX + target.getFileName());
        try {
            Files.copy(file, staging, StandardCopyOption.REPLACE_EXISTING);
            String copied = Sha256.ofFile(staging);
            if (!copied.equals(sha256Hex)) {
                throw new IOException("copy of " + key + " has SHA-256 " + copied + ", expected " + sha256Hex);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(staging);
        }
        return head(key).orElseThrow(() -> new IOException(key + " vanished after publishing"));
    }

    @Override
    public Optional<StoredObject> head(String key) throws IOException {
        Path target = resolve(key);
        if (!Files.isRegularFile(target)) {
            return Optional.empty();
        }
        String sha256 = Sha256.ofFile(target);
        return Optional.of(new StoredObject(key, Files.size(target), sha256, sha256, "LOCAL"));
    }

    @Override
    public void download(String key, Path target) throws IOException {
        Files.copy(resolve(key), target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A directory keeps no versions: the current file is the only one. */
    @Override
    public List<StoredVersion> versions(String key) throws IOException {
        Path file = resolve(key);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return List.of(new StoredVersion(key, CURRENT, Files.size(file), Files.getLastModifiedTime(file).toInstant(), true));
    }

    @Override
    public void download(String key, String versionId, Path target) throws IOException {
        if (!CURRENT.equals(versionId)) {
            throw new IOException("a local lake keeps no earlier versions of " + key);
        }
        download(key, target);
    }


    @Override
    public Optional<ArchiveState> archiveState(String key) throws IOException {
        return Files.isRegularFile(resolve(key)) ? Optional.of(new ArchiveState(StorageClass.LOCAL, false, null)) : Optional.empty();
    }

    @Override
    public void requestRestore(String key, int days, RestoreTier tier) throws IOException {
        throw new IOException("a local lake is never archived: " + key + " is readable as it is");
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path base = resolve(prefix);
        // The empty prefix is the whole store: its parent would be outside of it.
        Path directory = prefix.isEmpty() || prefix.endsWith("/") ? base : base.getParent();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(STAGING_PREFIX))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public String probe() throws IOException {
        try {
            // A new installation's lake does not exist until the first export writes there.
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IOException("the lake directory " + root + " cannot be created: " + e, e);
        }
        if (!Files.isWritable(root)) {
            throw new IOException("the lake directory " + root + " is not a writable directory");
        }
        return "directory " + root;
    }

    @Override
    public String uri(String key) {
        return resolve(key).toUri().toString();
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("key escapes the lake root: " + key);
        }
        return path;
    }
}
