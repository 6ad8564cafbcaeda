package com.tokyoia.etl.infrastructure.catalog;

import com.tokyoia.persistence.lake.LakeTable;
import java.time.LocalDate;

/**
 * Makes an exported day visible to query engines that read through a catalog (Glue for Athena;
 * Trino later). Must be idempotent: publishing the same day again changes nothing.
 */
public interface CatalogPublisher {
    void publish(LakeTable table, LocalDate day, String partitionUri) throws Exception;

    /** No catalog: engines such as DuckDB read the hive layout directly. */
    CatalogPublisher NONE = (table, day, partitionUri) -> {
    };
}
