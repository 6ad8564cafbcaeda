# One output per environment variable of the application (names as the application reads them),
# and application_environment with all of them as KEY=value lines to paste into the nodes'
# environment file.
locals {
  application_environment = {
    AWS_REGION                                     = var.region
    TOKYOIA_LAKE_STORE                             = "s3"
    TOKYOIA_LAKE_S3_BUCKET                         = module.lake_bucket.bucket_name
    TOKYOIA_LAKE_S3_PREFIX                         = module.lake_bucket.lake_prefix
    TOKYOIA_LAKE_S3_REGION                         = module.lake_bucket.region
    TOKYOIA_LAKE_S3_KMS_KEY_ID                     = module.lake_bucket.kms_key_arn
    TOKYOIA_LAKE_S3_SERVER_SIDE_ENCRYPTION         = "aws:kms"
    TOKYOIA_LAKE_CATALOG                           = module.glue_catalog.application_catalog
    TOKYOIA_LAKE_GLUE_DATABASE                     = module.glue_catalog.database_name
    TOKYOIA_ANALYTICS_ENGINE                       = "athena"
    TOKYOIA_ANALYTICS_MAX_QUERY_USD                = format("%.2f", var.max_query_usd)
    TOKYOIA_ATHENA_WORK_GROUP                      = module.athena.workgroup_name
    TOKYOIA_ATHENA_ADMIN_WORK_GROUP                = module.athena.admin_workgroup_name
    TOKYOIA_ATHENA_CATALOG                         = "AwsDataCatalog"
    TOKYOIA_ATHENA_DATABASE                        = module.glue_catalog.database_name
    TOKYOIA_ATHENA_OUTPUT_LOCATION                 = module.athena.output_location
    TOKYOIA_LIFECYCLE_GLACIER_IR_AFTER_DAYS        = tostring(module.lake_bucket.lifecycle_days.glacier_ir_after_days)
    TOKYOIA_LIFECYCLE_DEEP_ARCHIVE_AFTER_DAYS      = tostring(module.lake_bucket.lifecycle_days.deep_archive_after_days)
    TOKYOIA_LIFECYCLE_EXPIRE_AFTER_DAYS            = tostring(module.lake_bucket.lifecycle_days.expire_after_days)
    TOKYOIA_LIFECYCLE_NONCURRENT_EXPIRE_AFTER_DAYS = tostring(module.lake_bucket.lifecycle_days.noncurrent_expire_after_days)
  }
}

output "application_environment" {
  description = "Every setting below as KEY=value lines, for the WildFly nodes' environment."
  value       = join("\n", [for key in sort(keys(local.application_environment)) : "${key}=${local.application_environment[key]}"])
}

output "AWS_REGION" {
  description = "Region of the AWS SDK's clients (Athena, Glue)."
  value       = local.application_environment["AWS_REGION"]
}

output "TOKYOIA_LAKE_STORE" {
  description = "tokyoia.lake.store: the lake lives in S3."
  value       = local.application_environment["TOKYOIA_LAKE_STORE"]
}

output "TOKYOIA_LAKE_S3_BUCKET" {
  description = "tokyoia.lake.s3.bucket: the lake bucket."
  value       = local.application_environment["TOKYOIA_LAKE_S3_BUCKET"]
}

output "TOKYOIA_LAKE_S3_PREFIX" {
  description = "tokyoia.lake.s3.prefix: key prefix of the lake's tables."
  value       = local.application_environment["TOKYOIA_LAKE_S3_PREFIX"]
}

output "TOKYOIA_LAKE_S3_REGION" {
  description = "tokyoia.lake.s3.region: region of the lake bucket."
  value       = local.application_environment["TOKYOIA_LAKE_S3_REGION"]
}

output "TOKYOIA_LAKE_S3_KMS_KEY_ID" {
  description = "tokyoia.lake.s3.kms-key-id: the lake's KMS key, named on every upload (without it S3 would use aws/s3)."
  value       = local.application_environment["TOKYOIA_LAKE_S3_KMS_KEY_ID"]
}

output "TOKYOIA_LAKE_S3_SERVER_SIDE_ENCRYPTION" {
  description = "tokyoia.lake.s3.server-side-encryption: the SSE header of uploads."
  value       = local.application_environment["TOKYOIA_LAKE_S3_SERVER_SIDE_ENCRYPTION"]
}

output "TOKYOIA_LAKE_CATALOG" {
  description = "tokyoia.lake.catalog: partitions registered in Glue."
  value       = local.application_environment["TOKYOIA_LAKE_CATALOG"]
}

output "TOKYOIA_LAKE_GLUE_DATABASE" {
  description = "tokyoia.lake.glue.database: the Glue database."
  value       = local.application_environment["TOKYOIA_LAKE_GLUE_DATABASE"]
}

output "TOKYOIA_ANALYTICS_ENGINE" {
  description = "tokyoia.analytics.engine: cold days are read by Athena."
  value       = local.application_environment["TOKYOIA_ANALYTICS_ENGINE"]
}

output "TOKYOIA_ANALYTICS_MAX_QUERY_USD" {
  description = "tokyoia.analytics.max-query-usd: the per-query limit, the same one the workgroup's cutoff enforces."
  value       = local.application_environment["TOKYOIA_ANALYTICS_MAX_QUERY_USD"]
}

output "TOKYOIA_ATHENA_WORK_GROUP" {
  description = "tokyoia.athena.work-group: the application's workgroup."
  value       = local.application_environment["TOKYOIA_ATHENA_WORK_GROUP"]
}

output "TOKYOIA_ATHENA_ADMIN_WORK_GROUP" {
  description = "tokyoia.athena.admin-work-group: the workgroup of scans an operator allowed over the per-query limit (override=true)."
  value       = local.application_environment["TOKYOIA_ATHENA_ADMIN_WORK_GROUP"]
}

output "TOKYOIA_ATHENA_CATALOG" {
  description = "tokyoia.athena.catalog: Athena's name for the Glue catalog."
  value       = local.application_environment["TOKYOIA_ATHENA_CATALOG"]
}

output "TOKYOIA_ATHENA_DATABASE" {
  description = "tokyoia.athena.database: the Glue database the ETL fills."
  value       = local.application_environment["TOKYOIA_ATHENA_DATABASE"]
}

output "TOKYOIA_ATHENA_OUTPUT_LOCATION" {
  description = "tokyoia.athena.output-location: the workgroup's result location (the workgroup enforces it anyway)."
  value       = local.application_environment["TOKYOIA_ATHENA_OUTPUT_LOCATION"]
}

output "TOKYOIA_LIFECYCLE_GLACIER_IR_AFTER_DAYS" {
  description = "tokyoia.lifecycle.glacier-ir-after-days, as the bucket's lifecycle applies it."
  value       = local.application_environment["TOKYOIA_LIFECYCLE_GLACIER_IR_AFTER_DAYS"]
}

output "TOKYOIA_LIFECYCLE_DEEP_ARCHIVE_AFTER_DAYS" {
  description = "tokyoia.lifecycle.deep-archive-after-days, as the bucket's lifecycle applies it."
  value       = local.application_environment["TOKYOIA_LIFECYCLE_DEEP_ARCHIVE_AFTER_DAYS"]
}

output "TOKYOIA_LIFECYCLE_EXPIRE_AFTER_DAYS" {
  description = "tokyoia.lifecycle.expire-after-days, as the bucket's lifecycle applies it."
  value       = local.application_environment["TOKYOIA_LIFECYCLE_EXPIRE_AFTER_DAYS"]
}

output "TOKYOIA_LIFECYCLE_NONCURRENT_EXPIRE_AFTER_DAYS" {
  description = "tokyoia.lifecycle.noncurrent-expire-after-days, as the bucket's lifecycle applies it."
  value       = local.application_environment["TOKYOIA_LIFECYCLE_NONCURRENT_EXPIRE_AFTER_DAYS"]
}

output "node_instance_profile_name" {
  description = "Instance profile to launch the WildFly nodes with."
  value       = module.iam.node_instance_profile_name
}

output "operator_role_arn" {
  description = "Role people assume, with MFA, to restore lake objects."
  value       = module.iam.operator_role_arn
}

output "athena_admin_work_group" {
  description = "Workgroup with the higher cutoff for override=true queries (the application has no setting for it yet)."
  value       = module.athena.admin_workgroup_name
}

output "athena_bytes_scanned_cutoff_per_query" {
  description = "Bytes after which Athena cancels a query of the application's workgroup."
  value       = module.athena.bytes_scanned_cutoff_per_query
}

output "vpc_endpoint_security_group_id" {
  description = "Security group of the interface endpoints, or null without a VPC."
  value       = length(module.network) > 0 ? module.network[0].security_group_id : null
}
