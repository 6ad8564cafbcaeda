output "node_role_arn" {
  description = "ARN of the role of WildFly nodes running the whole EAR."
  value       = aws_iam_role.app["node"].arn
}

output "node_instance_profile_name" {
  description = "Instance profile to launch WildFly nodes with."
  value       = aws_iam_instance_profile.app["node"].name
}

output "etl_role_arn" {
  description = "ARN of the export-only role."
  value       = aws_iam_role.app["etl"].arn
}

output "analytics_role_arn" {
  description = "ARN of the query-only role."
  value       = aws_iam_role.app["analytics"].arn
}

output "instance_profile_names" {
  description = "Instance profile of each application role (node, etl, analytics)."
  value       = { for name, profile in aws_iam_instance_profile.app : name => profile.name }
}

output "operator_role_arn" {
  description = "ARN of the recovery role people assume with MFA."
  value       = aws_iam_role.operator.arn
}

output "etl_policy_arn" {
  description = "ARN of the ETL's managed policy."
  value       = aws_iam_policy.etl.arn
}

output "analytics_policy_arn" {
  description = "ARN of the analytics' managed policy."
  value       = aws_iam_policy.analytics.arn
}
