package com.tokyoia.etl.infrastructure.catalog;

import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * AWS Glue catalog (AWS SDK v2): creates the database and the external Parquet table from the lake
 * schema registry when missing, refuses to go on when an existing table's columns differ from the
 * registry (schema drift), and registers each day's version folder with BatchCreatePartition. When
 * the partition exists already (AlreadyExistsException) and points at another folder (an earlier
 * version), UpdatePartition moves it in one call, so Athena reads either version, never neither.
 */
public final class GlueCatalogPublisher implements CatalogPublisher {
    private final GlueClient glue;
    private final String database;
    private final String tableLocationRoot;
    private final Set<String> verifiedTables = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> tableLocks = new ConcurrentHashMap<>();

    /** {@code tableLocationRoot}: s3://bucket/prefix, under which each table has its folder. */
    public GlueCatalogPublisher(GlueClient glue, String database, String tableLocationRoot) {
        this.glue = glue;
        this.database = database;
        this.tableLocationRoot = tableLocationRoot.replaceAll("/+$", "");
    }

    @Override
    public void publish(LakeTable table, LocalDate day, String partitionUri) {
        if (!verifiedTables.contains(table.name())) {
            // Parallel partitions of one job publish days of the same table: one creates or checks
            // it, the others wait for that instead of adding partitions to a table not there yet.
            synchronized (tableLocks.computeIfAbsent(table.name(), name -> new Object())) {
                if (!verifiedTables.contains(table.name())) {
                    ensureDatabase();
                    ensureTable(table);
                    verifiedTables.add(table.name());
                }
            }
        }
        List<String> values = List.of(String.format("%04d", day.getYear()), String.format("%02d", day.getMonthValue()),
                String.format("%02d", day.getDayOfMonth()));
        BatchCreatePartitionResponse response = glue.batchCreatePartition(b -> b.databaseName(database)
                .tableName(table.name())
                .partitionInputList(PartitionInput.builder().values(values).storageDescriptor(storage(table, partitionUri)).build()));
        for (PartitionError error : response.errors()) {
            if (!"AlreadyExistsException".equals(error.errorDetail().errorCode())) {
                throw new IllegalStateException("Glue refused partition " + day + " of " + table.name() + ": "
                        + error.errorDetail().errorCode() + " " + error.errorDetail().errorMessage());
            }
            String location = glue.getPartition(b -> b.databaseName(database).tableName(table.name()).partitionValues(values))
                    .partition().storageDescriptor().location();
            if (!partitionUri.equals(location)) {
                glue.updatePartition(b -> b.databaseName(database).tableName(table.name()).partitionValueList(values)
                        .partitionInput(PartitionInput.builder().values(values).storageDescriptor(storage(table, partitionUri)).build()));
            }
        }
    }

    private void ensureDatabase() {
        try {
            glue.getDatabase(b -> b.name(database));
        } catch (EntityNotFoundException e) {
            glue.createDatabase(b -> b.databaseInput(d -> d.name(database).description("Tokyo-IA data lake")));
        }
    }

    private void ensureTable(LakeTable table) {
        Table existing;
        try {
            existing = glue.getTable(b -> b.databaseName(database).name(table.name())).table();
        } catch (EntityNotFoundException e) {
            glue.createTable(b -> b.databaseName(database).tableInput(TableInput.builder()
                    .name(table.name())
                    .tableType("EXTERNAL_TABLE")
                    // Without read_restored_glacier_objects Athena v3 skips restored archive objects: a restored day would read as empty.
                    .parameters(Map.of("classification", "parquet", "parquet.compression", "SNAPPY",
                            "EXTERNAL", "TRUE", "read_restored_glacier_objects", "true"))
                    .partitionKeys(partitionKeys())
                    .storageDescriptor(storage(table, tableLocationRoot + "/" + table.name() + "/"))
                    .build()));
            return;
        }
        List<String> expected = columns(table).stream().map(c -> c.name() + " " + c.type()).toList();
        List<String> actual = existing.storageDescriptor().columns().stream().map(c -> c.name() + " " + c.type()).toList();
        if (!expected.equals(actual)) {
            throw new IllegalStateException("schema drift in Glue table " + database + "." + table.name()
                    + ": catalog has " + actual + ", lake schema registry says " + expected);
        }
    }

    private static List<Column> partitionKeys() {
        return List.of(Column.builder().name("year").type("string").build(),
                Column.builder().name("month").type("string").build(),
                Column.builder().name("day").type("string").build());
    }

    private static StorageDescriptor storage(LakeTable table, String location) {
        return StorageDescriptor.builder()
                .columns(columns(table))
                .location(location)
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .serdeInfo(s -> s.serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                        .parameters(Map.of("serialization.format", "1")))
                .build();
    }

    static List<Column> columns(LakeTable table) {
        return table.columns().stream().map(c -> Column.builder().name(c.name()).type(c.hiveType()).build())
                .collect(Collectors.toList());
    }
}
