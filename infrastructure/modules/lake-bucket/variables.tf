variable "bucket_name" {
  type        = string
  description = "Name of the lake bucket (globally unique)."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 characters of lower-case letters, digits, dots and hyphens."
  }
}

variable "results_bucket_name" {
  type        = string
  description = "Name of the bucket that receives Athena query results (globally unique)."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.results_bucket_name))
    error_message = "results_bucket_name must be 3-63 characters of lower-case letters, digits, dots and hyphens."
  }
}

variable "lake_prefix" {
  type        = string
  description = "Key prefix of the lake's tables (the application's tokyoia.lake.s3.prefix), without slashes at either end."
  default     = "lake"

  validation {
    # An empty prefix would put the archiving rules over the whole bucket, rollups included.
    condition     = can(regex("^[A-Za-z0-9_=-]+(/[A-Za-z0-9_=-]+)*$", var.lake_prefix))
    error_message = "lake_prefix must be non-empty, without leading or trailing slash."
  }
}

variable "rollups_prefix" {
  type        = string
  description = "Key prefix of the daily rollups; no lifecycle rule ever transitions or expires objects under it."
  default     = "rollups"

  validation {
    condition     = can(regex("^[A-Za-z0-9_=-]+(/[A-Za-z0-9_=-]+)*$", var.rollups_prefix))
    error_message = "rollups_prefix must be non-empty, without leading or trailing slash."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "ARN of an existing symmetric KMS key for the lake and results buckets; empty creates one."
  default     = ""

  validation {
    condition     = var.kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be empty or a KMS key ARN."
  }
}

variable "kms_key_deletion_window_days" {
  type        = number
  description = "Waiting period before a created KMS key is deleted after being scheduled for deletion."
  default     = 30

  validation {
    condition     = var.kms_key_deletion_window_days >= 7 && var.kms_key_deletion_window_days <= 30
    error_message = "kms_key_deletion_window_days must be between 7 and 30 (AWS limits)."
  }
}

variable "enforce_kms_uploads" {
  type        = bool
  description = "Deny uploads that ask for another encryption than SSE-KMS, or for another KMS key than the lake's."
  default     = true
}

variable "minimum_tls_version" {
  type        = string
  description = "Oldest TLS version the bucket policies accept (s3:TlsVersion)."
  default     = "1.2"

  validation {
    condition     = contains(["1.2", "1.3"], var.minimum_tls_version)
    error_message = "minimum_tls_version must be 1.2 or 1.3."
  }
}

variable "glacier_ir_after_days" {
  type        = number
  description = "Age in days at which lake objects move to Glacier Instant Retrieval (tokyoia.lifecycle.glacier-ir-after-days)."
  default     = 90

  validation {
    condition     = var.glacier_ir_after_days >= 1 && floor(var.glacier_ir_after_days) == var.glacier_ir_after_days
    error_message = "glacier_ir_after_days must be a whole number of days, at least 1."
  }
}

variable "deep_archive_after_days" {
  type        = number
  description = "Age in days at which lake objects move to Glacier Deep Archive (tokyoia.lifecycle.deep-archive-after-days)."
  default     = 365

  validation {
    condition     = var.deep_archive_after_days >= 1 && floor(var.deep_archive_after_days) == var.deep_archive_after_days
    error_message = "deep_archive_after_days must be a whole number of days, at least 1."
  }
}

variable "expire_after_days" {
  type        = number
  description = "Age in days at which lake objects expire (tokyoia.lifecycle.expire-after-days)."
  default     = 730

  validation {
    condition     = var.expire_after_days >= 1 && floor(var.expire_after_days) == var.expire_after_days
    error_message = "expire_after_days must be a whole number of days, at least 1."
  }
}

variable "noncurrent_expire_after_days" {
  type        = number
  description = "Days an object version is kept after being replaced or deleted (tokyoia.lifecycle.noncurrent-expire-after-days)."
  default     = 30

  validation {
    # The runbook promises that any day can be restored from an earlier version for a week.
    condition     = var.noncurrent_expire_after_days >= 7 && floor(var.noncurrent_expire_after_days) == var.noncurrent_expire_after_days
    error_message = "noncurrent_expire_after_days must be a whole number of days, at least 7 (the restore window of the runbook)."
  }
}

variable "abort_multipart_after_days" {
  type        = number
  description = "Days after which incomplete multipart uploads are aborted and their parts deleted."
  default     = 7

  validation {
    condition     = var.abort_multipart_after_days >= 1 && floor(var.abort_multipart_after_days) == var.abort_multipart_after_days
    error_message = "abort_multipart_after_days must be a whole number of days, at least 1."
  }
}

variable "results_expire_days" {
  type        = number
  description = "Days after which Athena query results expire from the results bucket."
  default     = 7

  validation {
    condition     = var.results_expire_days >= 1 && floor(var.results_expire_days) == var.results_expire_days
    error_message = "results_expire_days must be a whole number of days, at least 1."
  }
}

variable "replication_region" {
  type        = string
  description = "Region of the cross-region replica of the lake; empty turns replication off."
  default     = ""

  validation {
    condition     = var.replication_region == "" || can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.replication_region))
    error_message = "replication_region must be empty or a region name such as ap-northeast-3."
  }
}

variable "replica_bucket_name" {
  type        = string
  description = "Name of the replica bucket; empty means <bucket_name>-replica."
  default     = ""

  validation {
    condition     = var.replica_bucket_name == "" || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.replica_bucket_name))
    error_message = "replica_bucket_name must be empty or 3-63 characters of lower-case letters, digits, dots and hyphens."
  }
}

variable "replica_storage_class" {
  type        = string
  description = "Storage class of replicated objects; the replica's lifecycle then ages them like the source."
  default     = "STANDARD"

  validation {
    condition     = contains(["STANDARD", "STANDARD_IA", "GLACIER_IR"], var.replica_storage_class)
    error_message = "replica_storage_class must be STANDARD, STANDARD_IA or GLACIER_IR (classes Athena can read without a restore)."
  }
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform destroy delete non-empty buckets. Keep false outside throw-away environments."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
