package com.tokyoia.etl.application.migration;

import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.manifest.LakeLocation;

/** Where a lake migration copies to: the store's location, the store itself, and the catalog that will describe it. */
public record MigrationTarget(LakeLocation location, ObjectStore store, CatalogPublisher catalog) {
}
