variable "database_name" {
  type        = string
  description = "Glue database of the lake (TOKYOIA_LAKE_GLUE_DATABASE and TOKYOIA_ATHENA_DATABASE)."
  default     = "tokyoia_lake"

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.database_name))
    error_message = "database_name must be lower-case letters, digits and underscores (Athena lower-cases names)."
  }
}

variable "bucket_name" {
  type        = string
  description = "Name of the lake bucket the tables point at."
}

variable "lake_prefix" {
  type        = string
  description = "Key prefix of the lake's tables in the bucket, without slashes at either end."
  default     = "lake"

  validation {
    condition     = can(regex("^[A-Za-z0-9_=-]+(/[A-Za-z0-9_=-]+)*$", var.lake_prefix))
    error_message = "lake_prefix must be non-empty, without leading or trailing slash."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags of the Glue database."
  default     = {}
}
