variable "region" {
  type        = string
  description = "Region of the lake, the Glue catalog, Athena and the WildFly nodes."
  default     = "ap-northeast-1"
}

variable "name_prefix" {
  type        = string
  description = "Prefix of resource names."
  default     = "tokyoia-dev"
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

variable "vpc_id" {
  type        = string
  description = "VPC of the WildFly nodes; empty skips the VPC endpoints (nodes then reach AWS through NAT or the internet)."
  default     = ""
}

variable "route_table_ids" {
  type        = list(string)
  description = "Route tables of the nodes' subnets (S3 gateway endpoint); used when vpc_id is set."
  default     = []
}

variable "endpoint_subnet_ids" {
  type        = list(string)
  description = "Subnets for the Glue and Athena interface endpoints; used when vpc_id is set."
  default     = []
}

variable "node_cidr_blocks" {
  type        = list(string)
  description = "CIDR blocks allowed to reach the interface endpoints; used when vpc_id is set."
  default     = []
}

variable "oidc_provider_arn" {
  type        = string
  description = "EKS OIDC provider for IRSA when WildFly runs on Kubernetes; empty for EC2 only."
  default     = ""
}

variable "max_query_usd" {
  type        = number
  description = "Per-query limit of cold scans: the workgroup's cutoff and the application's TOKYOIA_ANALYTICS_MAX_QUERY_USD."
  default     = 0.25

  validation {
    condition     = var.max_query_usd > 0 && var.max_query_usd <= 1.00
    error_message = "Development's per-query limit stays at or below production's $1.00."
  }
}

variable "admin_max_query_usd" {
  type        = number
  description = "Per-query limit of the admin workgroup (override=true queries)."
  default     = 2.00

  validation {
    condition     = var.admin_max_query_usd > 0 && var.admin_max_query_usd <= 20.00
    error_message = "Development's admin limit stays at or below production's $20.00."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags on every resource."
  default     = {}
}
