data "aws_iam_policy_document" "etl" {
  # HeadObject and CopyObject's source read are GetObject; UploadPart and CopyObject's target are
  # PutObject. GetObjectVersion and RestoreObject serve the restore and re-import jobs.
  statement {
    sid    = "WriteLakeObjects"
    effect = "Allow"
    actions = [
      "s3:GetObject",
      "s3:GetObjectVersion",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:RestoreObject",
      "s3:AbortMultipartUpload",
    ]
    resources = local.lake_object_arns
  }

  statement {
    sid       = "ListLakePrefixes"
    effect    = "Allow"
    actions   = ["s3:ListBucket", "s3:ListBucketVersions"]
    resources = [var.lake_bucket_arn]

    # IfExists: HeadObject of a missing key is answered 404 only to callers allowed to list
    # the bucket, and that check carries no prefix; the application reads 403 as a failure.
    condition {
      test     = "StringLikeIfExists"
      variable = "s3:prefix"
      values   = local.lake_list_prefixes
    }
  }

  statement {
    sid       = "UseLakeKey"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }

  statement {
    sid    = "PublishLakePartitions"
    effect = "Allow"
    actions = [
      "glue:GetDatabase",
      "glue:CreateDatabase",
      "glue:GetTable",
      "glue:CreateTable",
      "glue:GetPartition",
      "glue:BatchCreatePartition",
      "glue:UpdatePartition",
    ]
    resources = concat([local.glue_catalog_arn, local.glue_database_arn], local.glue_table_arns)
  }
}

resource "aws_iam_policy" "etl" {
  name        = "${var.name_prefix}-etl"
  description = "Tokyo-IA ETL: write the lake and rollups, register Glue partitions"
  policy      = data.aws_iam_policy_document.etl.json
  tags        = var.tags
}
