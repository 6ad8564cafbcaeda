output "database_name" {
  description = "Glue database of the lake (TOKYOIA_LAKE_GLUE_DATABASE, TOKYOIA_ATHENA_DATABASE)."
  value       = aws_glue_catalog_database.lake.name
}

output "database_arn" {
  description = "ARN of the Glue database."
  value       = aws_glue_catalog_database.lake.arn
}

output "table_names" {
  description = "Names of the lake's tables, as the lake schema registry lists them."
  value       = keys(local.lake_tables)
}

output "table_arns" {
  description = "ARN of each lake table, by name."
  value       = { for name, table in aws_glue_catalog_table.lake : name => table.arn }
}

output "application_catalog" {
  description = "Value of tokyoia.lake.catalog (TOKYOIA_LAKE_CATALOG): the application registers each day's current version folder."
  value       = "glue"
}
