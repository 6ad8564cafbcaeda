package com.tokyoia.etl.application.port;

import com.tokyoia.etl.application.footprint.LakeCopies;
import com.tokyoia.etl.application.footprint.LakeObjects;
import com.tokyoia.etl.application.footprint.PostgresTable;
import java.util.List;

/** Where the data takes room, from PostgreSQL's catalog and the export manifest: no store or engine is asked. */
public interface FootprintFacts {
    /** Per table (partitions, indexes and TOAST included): its bytes and rows (the planner's estimate where it has one). */
    List<PostgresTable> postgresTables(List<String> tables);

    /** Per table and storage class, the lake objects still stored (current versions and replaced ones not yet deleted). */
    List<LakeObjects> lakeObjects();

    /** Per table, the current proven copy of each day: how many days, their rows and bytes, and the rows only the lake holds. */
    List<LakeCopies> currentCopies();
}
