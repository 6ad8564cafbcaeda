output "bucket_name" {
  description = "Name of the lake bucket (TOKYOIA_LAKE_S3_BUCKET)."
  value       = aws_s3_bucket.lake.id
}

output "bucket_arn" {
  description = "ARN of the lake bucket."
  value       = aws_s3_bucket.lake.arn
}

output "lake_prefix" {
  description = "Key prefix of the lake's tables (TOKYOIA_LAKE_S3_PREFIX)."
  value       = var.lake_prefix
}

output "rollups_prefix" {
  description = "Key prefix of the daily rollups."
  value       = var.rollups_prefix
}

output "lake_root_uri" {
  description = "s3://bucket/prefix under which each table has its folder (the Glue tables' locations)."
  value       = "s3://${aws_s3_bucket.lake.id}/${var.lake_prefix}"
}

output "region" {
  description = "Region of the lake bucket (TOKYOIA_LAKE_S3_REGION)."
  value       = data.aws_region.current.name
}

output "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the lake and the Athena results."
  value       = local.kms_key_arn
}

output "lifecycle_days" {
  description = "Ages in days of the lifecycle rules, for the application's tokyoia.lifecycle.* settings."
  value = {
    glacier_ir_after_days        = var.glacier_ir_after_days
    deep_archive_after_days      = var.deep_archive_after_days
    expire_after_days            = var.expire_after_days
    noncurrent_expire_after_days = var.noncurrent_expire_after_days
  }
}

output "results_bucket_name" {
  description = "Name of the Athena results bucket."
  value       = aws_s3_bucket.results.id
}

output "results_bucket_arn" {
  description = "ARN of the Athena results bucket."
  value       = aws_s3_bucket.results.arn
}

output "replica_bucket_arn" {
  description = "ARN of the cross-region replica bucket, or null when replication is off."
  value       = local.replicate ? aws_s3_bucket.replica[0].arn : null
}

output "replica_kms_key_arn" {
  description = "ARN of the replica's KMS key, or null when replication is off."
  value       = local.replicate ? aws_kms_key.replica[0].arn : null
}

output "replication_role_arn" {
  description = "ARN of the role S3 uses to replicate, or null when replication is off."
  value       = local.replicate ? aws_iam_role.replication[0].arn : null
}
