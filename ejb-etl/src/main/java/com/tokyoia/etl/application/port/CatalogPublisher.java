package com.tokyoia.etl.application.port;

import com.tokyoia.lake.domain.schema.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Makes an exported day visible to query engines that read through a catalog (Glue for Athena,
 * a Hive metastore for Trino). Must be idempotent: publishing the same day again changes nothing.
 */
public interface CatalogPublisher {
    void publish(LakeTable table, LocalDate day, String partitionUri) throws IOException, SQLException;

    /** Whether the catalog answers, changing nothing: what answered, or an exception saying why not. */
    default String probe() throws IOException, SQLException {
        return "no catalog";
    }

    /** No catalog: engines such as DuckDB read the files the manifest names. */
    CatalogPublisher NONE = (table, day, partitionUri) -> {
    };
}
