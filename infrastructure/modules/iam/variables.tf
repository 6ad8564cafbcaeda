variable "name_prefix" {
  type        = string
  description = "Prefix of every role, policy and instance profile name, e.g. tokyoia-prod."

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 1-40 characters allowed in IAM names."
  }
}

variable "lake_bucket_arn" {
  type        = string
  description = "ARN of the lake bucket."
}

variable "lake_prefix" {
  type        = string
  description = "Key prefix of the lake's tables, without slashes at either end."
  default     = "lake"

  validation {
    condition     = can(regex("^[A-Za-z0-9_=-]+(/[A-Za-z0-9_=-]+)*$", var.lake_prefix))
    error_message = "lake_prefix must be non-empty, without leading or trailing slash."
  }
}

variable "rollups_prefix" {
  type        = string
  description = "Key prefix of the daily rollups, without slashes at either end."
  default     = "rollups"

  validation {
    condition     = can(regex("^[A-Za-z0-9_=-]+(/[A-Za-z0-9_=-]+)*$", var.rollups_prefix))
    error_message = "rollups_prefix must be non-empty, without leading or trailing slash."
  }
}

variable "results_bucket_arn" {
  type        = string
  description = "ARN of the Athena results bucket."
}

variable "kms_key_arn" {
  type        = string
  description = "ARN of the KMS key of the lake and results buckets."
}

variable "glue_database_name" {
  type        = string
  description = "Glue database of the lake."
}

variable "glue_table_names" {
  type        = list(string)
  description = "Tables of the Glue database the ETL may create and register partitions in."

  validation {
    condition     = length(var.glue_table_names) > 0
    error_message = "glue_table_names must name at least one table."
  }
}

variable "athena_workgroup_arns" {
  type        = list(string)
  description = "ARNs of the Athena workgroups the analytics role may run queries in."

  validation {
    condition     = length(var.athena_workgroup_arns) > 0
    error_message = "athena_workgroup_arns must name at least one workgroup."
  }
}

variable "oidc_provider_arn" {
  type        = string
  description = "ARN of an EKS cluster's IAM OIDC provider; when set, Kubernetes service accounts can assume the application roles (IRSA)."
  default     = ""

  validation {
    condition     = var.oidc_provider_arn == "" || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/.+", var.oidc_provider_arn))
    error_message = "oidc_provider_arn must be empty or an IAM OIDC provider ARN."
  }
}

variable "kubernetes_namespace" {
  type        = string
  description = "Namespace of the service accounts trusted through IRSA."
  default     = "tokyo-ia"
}

variable "kubernetes_service_account" {
  type        = string
  description = "Service account of pods running the whole EAR; <name>-etl and <name>-analytics get the split roles."
  default     = "tokyo-ia"
}

variable "operator_principal_arns" {
  type        = list(string)
  description = "IAM principals allowed to assume the operator role (with MFA); empty means any principal of this account whose own policy allows it."
  default     = []
}

variable "operator_max_session_seconds" {
  type        = number
  description = "Longest operator session."
  default     = 3600

  validation {
    condition     = var.operator_max_session_seconds >= 900 && var.operator_max_session_seconds <= 43200
    error_message = "operator_max_session_seconds must be between 900 and 43200 (AWS limits)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags of the roles, policies and instance profiles."
  default     = {}
}
