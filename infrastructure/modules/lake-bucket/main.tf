data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  create_key  = var.kms_key_arn == ""
  kms_key_arn = local.create_key ? aws_kms_key.lake[0].arn : var.kms_key_arn

  # The application's staging folder (S3ObjectStore): uploads land here before the copy to
  # their final key, so anything left here is an interrupted attempt.
  staging_prefix = "${var.lake_prefix}/_staging/"

  # One set of rules for the lake bucket and its replica, so a failover finds every day in the
  # storage class the application's lifecycle model (tokyoia.lifecycle.*) expects.
  lifecycle_rules = [
    {
      id     = "lake-tiering"
      prefix = "${var.lake_prefix}/"
      transitions = [
        { days = var.glacier_ir_after_days, storage_class = "GLACIER_IR" },
        { days = var.deep_archive_after_days, storage_class = "DEEP_ARCHIVE" },
      ]
      expiration_days = var.expire_after_days
      noncurrent_days = var.noncurrent_expire_after_days
    },
    {
      id              = "lake-staging"
      prefix          = local.staging_prefix
      transitions     = []
      expiration_days = 1
      noncurrent_days = 1
    },
    {
      # Rollups are kilobytes read by every dashboard: never archived, never expired; only
      # replaced versions go, after the same restore window as the lake.
      id              = "rollups-versions"
      prefix          = "${var.rollups_prefix}/"
      transitions     = []
      expiration_days = null
      noncurrent_days = var.noncurrent_expire_after_days
    },
  ]
}

resource "aws_kms_key" "lake" {
  count = local.create_key ? 1 : 0

  description             = "Tokyo-IA lake ${var.bucket_name} and its Athena results"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_key_deletion_window_days
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = var.tags
}

resource "aws_kms_alias" "lake" {
  count = local.create_key ? 1 : 0

  name          = "alias/${var.bucket_name}"
  target_key_id = aws_kms_key.lake[0].key_id
}

resource "aws_s3_bucket" "lake" {
  bucket        = var.bucket_name
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket_versioning" "lake" {
  bucket = aws_s3_bucket.lake.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "lake" {
  bucket = aws_s3_bucket.lake.id

  rule {
    # The bucket key turns one KMS call per object into one per bucket and hour: the ETL writes
    # and Athena reads thousands of small objects.
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.kms_key_arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "lake" {
  bucket = aws_s3_bucket.lake.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "lake" {
  bucket = aws_s3_bucket.lake.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_policy" "lake" {
  bucket = aws_s3_bucket.lake.id
  policy = data.aws_iam_policy_document.lake_bucket.json

  # A policy put while the public access block is still being set can race with it.
  depends_on = [aws_s3_bucket_public_access_block.lake]
}
