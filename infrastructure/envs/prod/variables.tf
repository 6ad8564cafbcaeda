variable "region" {
  type        = string
  description = "Region of the lake, the Glue catalog, Athena and the WildFly nodes."
  default     = "ap-northeast-1"
}

variable "replication_region" {
  type        = string
  description = "Region of the lake's cross-region replica (disaster recovery); production always replicates."
  default     = "ap-northeast-3"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.replication_region))
    error_message = "Production replicates the lake: replication_region must be a region name."
  }
}

variable "name_prefix" {
  type        = string
  description = "Prefix of resource names."
  default     = "tokyoia-prod"
}

variable "lake_bucket_name" {
  type        = string
  description = "Lake bucket name; empty means <name_prefix>-lake-<account id>."
  default     = ""
}

variable "results_bucket_name" {
  type        = string
  description = "Athena results bucket name; empty means <name_prefix>-athena-results-<account id>."
  default     = ""
}

variable "lake_prefix" {
  type        = string
  description = "Key prefix of the lake's tables (TOKYOIA_LAKE_S3_PREFIX)."
  default     = "lake"
}

variable "kms_key_arn" {
  type        = string
  description = "Existing KMS key for the lake and results; empty creates one."
  default     = ""
}

variable "vpc_id" {
  type        = string
  description = "VPC of the WildFly nodes."
}

variable "route_table_ids" {
  type        = list(string)
  description = "Route tables of the nodes' private subnets (S3 gateway endpoint)."
}

variable "endpoint_subnet_ids" {
  type        = list(string)
  description = "Private subnets, one per availability zone, for the Glue and Athena interface endpoints."
}

variable "node_cidr_blocks" {
  type        = list(string)
  description = "CIDR blocks of the nodes' subnets, allowed to reach the interface endpoints."
}

variable "oidc_provider_arn" {
  type        = string
  description = "EKS OIDC provider for IRSA when WildFly runs on Kubernetes; empty for EC2 only."
  default     = ""
}

variable "operator_principal_arns" {
  type        = list(string)
  description = "Principals allowed to assume the operator (recovery) role with MFA; empty means the account's principals whose policies allow it."
  default     = []
}

variable "max_query_usd" {
  type        = number
  description = "Per-query limit of cold scans: the workgroup's cutoff and the application's TOKYOIA_ANALYTICS_MAX_QUERY_USD."
  default     = 1.00

  validation {
    # Raising production's limits is a reviewed change of this file, not a -var on the command line.
    condition     = var.max_query_usd > 0 && var.max_query_usd <= 1.00
    error_message = "Production's per-query limit cannot go above $1.00."
  }
}

variable "admin_max_query_usd" {
  type        = number
  description = "Per-query limit of the admin workgroup (override=true queries)."
  default     = 20.00

  validation {
    condition     = var.admin_max_query_usd > 0 && var.admin_max_query_usd <= 20.00
    error_message = "Production's admin limit cannot go above $20.00, the application's daily budget."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags on every resource."
  default     = {}
}
