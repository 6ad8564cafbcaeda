package com.tokyoia.etl.application.port;

import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import java.io.IOException;

/**
 * Opens the stores and catalogs a lake migration or a catalog re-sync works with: the deployment's
 * own, or another at a location (a local directory, or an S3 root reached with this deployment's
 * S3 connection settings). What it opened it closes.
 */
public interface LakeStores extends AutoCloseable {

    /** Where this deployment writes and which catalog it publishes to. */
    LakeLocation configured();

    ObjectStore store(LakeLocation where) throws IOException;

    /** The publisher of the location's catalog over the location's root. */
    CatalogPublisher catalog(LakeLocation where);

    @Override
    void close();
}
