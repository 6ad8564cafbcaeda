locals {
  # The application prices scans per TB of 2^40 bytes (CostQuote); the cutoff uses the same TB,
  # so a query the application quotes at exactly max_query_usd is not cancelled by Athena.
  bytes_per_tb = 1099511627776

  # Athena's smallest allowed cutoff.
  min_cutoff_bytes = 10000000

  bytes_scanned_cutoff_per_query       = floor(var.max_query_usd * local.bytes_per_tb / var.price_per_tb_usd)
  admin_bytes_scanned_cutoff_per_query = floor(var.admin_max_query_usd * local.bytes_per_tb / var.price_per_tb_usd)

  workgroups = {
    (var.name) = {
      cutoff      = local.bytes_scanned_cutoff_per_query
      description = "Tokyo-IA analytics: cold scans within the per-query limit"
    }
    (var.admin_name) = {
      cutoff      = local.admin_bytes_scanned_cutoff_per_query
      description = "Tokyo-IA analytics: queries run with override=true"
    }
  }
}

resource "aws_athena_workgroup" "this" {
  for_each = local.workgroups

  name          = each.key
  description   = each.value.description
  state         = "ENABLED"
  force_destroy = var.force_destroy
  tags          = var.tags

  configuration {
    # Clients cannot pick another result location, encryption or engine: every result lands
    # encrypted in the results bucket, where it expires.
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = each.value.cutoff

    engine_version {
      selected_engine_version = "Athena engine version 3"
    }

    result_configuration {
      output_location = "s3://${var.results_bucket_name}/${each.key}/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = var.kms_key_arn
      }
    }
  }

  lifecycle {
    precondition {
      condition     = local.bytes_scanned_cutoff_per_query >= local.min_cutoff_bytes
      error_message = "max_query_usd buys less than Athena's smallest cutoff (10 MB)."
    }

    precondition {
      condition     = var.admin_max_query_usd >= var.max_query_usd
      error_message = "admin_max_query_usd must be at least max_query_usd: the admin workgroup serves the queries over the limit."
    }
  }
}
