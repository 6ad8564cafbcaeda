variable "name" {
  type        = string
  description = "Name of the workgroup the application runs its queries in (TOKYOIA_ATHENA_WORK_GROUP)."
  default     = "tokyoia"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,128}$", var.name))
    error_message = "name must be 1-128 letters, digits, dots, underscores or hyphens."
  }
}

variable "admin_name" {
  type        = string
  description = "Name of the workgroup with the higher scan limit, for queries run with override=true."
  default     = "tokyoia-admin"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,128}$", var.admin_name))
    error_message = "admin_name must be 1-128 letters, digits, dots, underscores or hyphens."
  }
}

variable "results_bucket_name" {
  type        = string
  description = "Bucket that receives the query results."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key that encrypts the query results (SSE_KMS)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "max_query_usd" {
  type        = number
  description = "Per-query limit in US dollars, the application's tokyoia.analytics.max-query-usd; Athena cancels a query once it has scanned this much."
  default     = 1.00

  validation {
    condition     = var.max_query_usd > 0
    error_message = "max_query_usd must be positive."
  }
}

variable "admin_max_query_usd" {
  type        = number
  description = "Per-query limit in US dollars of the admin workgroup (override=true queries)."
  default     = 20.00

  validation {
    condition     = var.admin_max_query_usd > 0
    error_message = "admin_max_query_usd must be positive."
  }
}

variable "price_per_tb_usd" {
  type        = number
  description = "Athena's price per TB (2^40 bytes) scanned, as the application's CostQuote prices it."
  default     = 5

  validation {
    condition     = var.price_per_tb_usd > 0
    error_message = "price_per_tb_usd must be positive."
  }
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform destroy delete the workgroups with their saved queries and history."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags of the workgroups."
  default     = {}
}
