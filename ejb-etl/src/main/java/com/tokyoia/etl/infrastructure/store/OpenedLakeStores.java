package com.tokyoia.etl.infrastructure.store;

import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.etl.application.port.LakeStores;
import com.tokyoia.etl.infrastructure.catalog.Catalogs;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.infrastructure.config.LakeSettings;
import com.tokyoia.lake.infrastructure.config.TrinoSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stores and catalogs of one lake migration or catalog re-sync: the deployment's own store and
 * catalog for its own location, others opened on first use (a local directory by its file URI, an
 * S3 root with this deployment's S3 connection and the AWS default credentials) and closed with it.
 */
public final class OpenedLakeStores implements LakeStores {
    private final LakeSettings lake;
    private final TrinoSettings trino;
    private final ObjectStore own;
    private final Map<String, ObjectStore> stores = new HashMap<>();
    private final Map<String, Catalogs.Opened> catalogs = new HashMap<>();
    private final List<ObjectStore> opened = new ArrayList<>();

    public OpenedLakeStores(LakeSettings lake, TrinoSettings trino, ObjectStore own) {
        this.lake = lake;
        this.trino = trino;
        this.own = own;
    }

    @Override
    public LakeLocation configured() {
        return lake.location();
    }

    @Override
    public synchronized ObjectStore store(LakeLocation where) throws IOException {
        if (!where.conflictsWith(configured()) && where.root() != null) {
            return own;
        }
        if (where.root() == null) {
            throw new IOException("the manifest does not record where this copy is, and it is not in this deployment's store");
        }
        ObjectStore store = stores.get(where.root());
        if (store == null) {
            store = open(where);
            stores.put(where.root(), store);
            opened.add(store);
        }
        return store;
    }

    private ObjectStore open(LakeLocation where) throws IOException {
        if (where.root().startsWith("file:")) {
            return new LocalDirectoryStore(Path.of(URI.create(where.root())));
        }
        if (where.root().startsWith("s3://")) {
            return new S3ObjectStore(lake.s3At(where.root()));
        }
        throw new IOException("no store can be opened at " + where.root());
    }

    /**
     * A publisher of this run's own, also for this deployment's catalog: the long-lived one remembers
     * tables it has checked, which a lost catalog no longer has.
     */
    @Override
    public synchronized CatalogPublisher catalog(LakeLocation where) {
        String catalog = where.catalog() == null ? "none" : where.catalog();
        if (catalog.equals("none")) {
            return CatalogPublisher.NONE;
        }
        return catalogs.computeIfAbsent(where.root() + " " + catalog, key -> Catalogs.open(
                LakeSettings.CatalogKind.valueOf(catalog.toUpperCase(Locale.ROOT)), where.root(), lake, trino)).publisher();
    }

    @Override
    public synchronized void close() {
        for (ObjectStore store : opened) {
            try {
                ObjectStores.close(store);
            } catch (RuntimeException e) {
                // Each one is closed; a client that fails to close only leaks its own pool.
            }
        }
        catalogs.values().forEach(Catalogs.Opened::close);
    }
}
