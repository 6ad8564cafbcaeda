package com.tokyoia.etl.application.footprint;

import com.tokyoia.lake.domain.lifecycle.StorageClass;

/** The lake objects of one table in one storage class: what the store bills for. */
public record LakeObjects(String table, StorageClass storageClass, long objects, long bytes) {
}
