data "aws_iam_policy_document" "analytics" {
  statement {
    sid    = "RunQueriesInTheseWorkgroups"
    effect = "Allow"
    actions = [
      "athena:StartQueryExecution",
      "athena:GetQueryExecution",
      "athena:GetQueryResults",
      "athena:StopQueryExecution",
    ]
    resources = var.athena_workgroup_arns
  }

  # Athena reads the lake and writes results with the caller's own permissions.
  statement {
    sid       = "ReadLakeObjects"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = local.lake_object_arns
  }

  statement {
    sid       = "ListLakePrefixes"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [var.lake_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = local.lake_list_prefixes
    }
  }

  statement {
    sid       = "LocateBuckets"
    effect    = "Allow"
    actions   = ["s3:GetBucketLocation"]
    resources = [var.lake_bucket_arn, var.results_bucket_arn]
  }

  statement {
    sid       = "ListResults"
    effect    = "Allow"
    actions   = ["s3:ListBucket", "s3:ListBucketMultipartUploads"]
    resources = [var.results_bucket_arn]
  }

  statement {
    sid       = "ReadWriteResults"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
    resources = ["${var.results_bucket_arn}/*"]
  }

  statement {
    sid       = "ReadLakeCatalog"
    effect    = "Allow"
    actions   = ["glue:GetDatabase", "glue:GetTable", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"]
    resources = concat([local.glue_catalog_arn, local.glue_database_arn], local.glue_table_arns)
  }

  statement {
    sid       = "DecryptLakeEncryptResults"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_policy" "analytics" {
  name        = "${var.name_prefix}-analytics"
  description = "Tokyo-IA analytics: Athena in its workgroups, read the lake, read and write results"
  policy      = data.aws_iam_policy_document.analytics.json
  tags        = var.tags
}
