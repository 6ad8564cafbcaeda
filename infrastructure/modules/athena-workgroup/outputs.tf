output "workgroup_name" {
  description = "Workgroup of the application's queries (TOKYOIA_ATHENA_WORK_GROUP)."
  value       = aws_athena_workgroup.this[var.name].name
}

output "workgroup_arn" {
  description = "ARN of the application's workgroup."
  value       = aws_athena_workgroup.this[var.name].arn
}

output "admin_workgroup_name" {
  description = "Workgroup for override=true queries."
  value       = aws_athena_workgroup.this[var.admin_name].name
}

output "admin_workgroup_arn" {
  description = "ARN of the admin workgroup."
  value       = aws_athena_workgroup.this[var.admin_name].arn
}

output "output_location" {
  description = "Where the application's workgroup writes results (TOKYOIA_ATHENA_OUTPUT_LOCATION)."
  value       = "s3://${var.results_bucket_name}/${var.name}/"
}

output "bytes_scanned_cutoff_per_query" {
  description = "Bytes after which Athena cancels a query of the application's workgroup (219902325555 for $1.00 at $5/TB)."
  value       = local.bytes_scanned_cutoff_per_query
}

output "admin_bytes_scanned_cutoff_per_query" {
  description = "Bytes after which Athena cancels a query of the admin workgroup."
  value       = local.admin_bytes_scanned_cutoff_per_query
}
