# local.lake_tables comes from lake_tables.tf.json, generated from the lake schema registry
# (lake/src/main/java/com/tokyoia/lake/domain/schema/LakeSchemaRegistry.java): never edit it by
# hand, or the registry test of the Java build fails.

locals {
  table_locations = { for name, table in local.lake_tables : name => "s3://${var.bucket_name}/${var.lake_prefix}/${name}/" }

  # The same parameters the application's Glue publisher gives the tables it creates, among them
  # read_restored_glacier_objects: without it Athena engine v3 skips objects restored from
  # Glacier, so a restored day would answer with no rows instead of its data.
  table_parameters = {
    "classification"                = "parquet"
    "EXTERNAL"                      = "TRUE"
    "parquet.compression"           = "SNAPPY"
    "read_restored_glacier_objects" = "true"
  }
}

resource "aws_glue_catalog_database" "lake" {
  name         = var.database_name
  description  = "Tokyo-IA data lake: one table per exported table, one partition per UTC day"
  location_uri = "s3://${var.bucket_name}/${var.lake_prefix}/"
  tags         = var.tags
}

resource "aws_glue_catalog_table" "lake" {
  for_each = local.lake_tables

  database_name = aws_glue_catalog_database.lake.name
  name          = each.key
  description   = "Partitioned by the UTC day of ${each.value.day_column}"
  table_type    = "EXTERNAL_TABLE"
  parameters    = local.table_parameters

  dynamic "partition_keys" {
    for_each = ["year", "month", "day"]

    content {
      name = partition_keys.value
      type = "string"
    }
  }

  storage_descriptor {
    location      = local.table_locations[each.key]
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"

      parameters = {
        "serialization.format" = "1"
      }
    }

    dynamic "columns" {
      for_each = each.value.columns

      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
  }
}
