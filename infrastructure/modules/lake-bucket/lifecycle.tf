resource "aws_s3_bucket_lifecycle_configuration" "lake" {
  bucket = aws_s3_bucket.lake.id

  # Lets day files under 128 KB reach Deep Archive at the age the application's storage-class
  # model assumes; with the 128 KB default they would stay in Standard forever.
  transition_default_minimum_object_size = "varies_by_storage_class"

  dynamic "rule" {
    for_each = local.lifecycle_rules

    content {
      id     = rule.value.id
      status = "Enabled"

      filter {
        prefix = rule.value.prefix
      }

      dynamic "transition" {
        for_each = rule.value.transitions

        content {
          days          = transition.value.days
          storage_class = transition.value.storage_class
        }
      }

      dynamic "expiration" {
        for_each = rule.value.expiration_days == null ? [] : [rule.value.expiration_days]

        content {
          days = expiration.value
        }
      }

      noncurrent_version_expiration {
        noncurrent_days = rule.value.noncurrent_days
      }
    }
  }

  rule {
    id     = "incomplete-uploads-and-delete-markers"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = var.abort_multipart_after_days
    }

    # Removes only delete markers whose every older version has expired: no data.
    expiration {
      expired_object_delete_marker = true
    }
  }

  depends_on = [aws_s3_bucket_versioning.lake]

  lifecycle {
    precondition {
      condition     = var.glacier_ir_after_days < var.deep_archive_after_days && var.deep_archive_after_days < var.expire_after_days
      error_message = "The lifecycle must go Standard -> Glacier IR -> Deep Archive -> expiry: glacier_ir_after_days < deep_archive_after_days < expire_after_days."
    }

    precondition {
      condition     = !startswith("${var.rollups_prefix}/", "${var.lake_prefix}/") && !startswith("${var.lake_prefix}/", "${var.rollups_prefix}/")
      error_message = "rollups_prefix must not lie under lake_prefix (or the reverse): the lake's archiving rules would reach the rollups."
    }
  }
}
