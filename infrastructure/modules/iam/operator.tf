# For people running the recovery procedures by hand: list and read older versions, restore
# archived objects, put an older version back as current. Never delete versions: lifecycle does.
data "aws_iam_policy_document" "operator_trust" {
  statement {
    sid     = "PeopleWithMfa"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = length(var.operator_principal_arns) > 0 ? var.operator_principal_arns : ["arn:${local.partition}:iam::${local.account_id}:root"]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

data "aws_iam_policy_document" "operator" {
  statement {
    sid       = "ListLakeVersions"
    effect    = "Allow"
    actions   = ["s3:ListBucket", "s3:ListBucketVersions"]
    resources = [var.lake_bucket_arn]

    # IfExists: HeadObject of a missing key is answered 404 only to callers allowed to list
    # the bucket, and that check carries no prefix; without it a missing object reads as 403.
    condition {
      test     = "StringLikeIfExists"
      variable = "s3:prefix"
      values   = local.lake_list_prefixes
    }
  }

  statement {
    sid       = "RestoreLakeObjects"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:RestoreObject", "s3:PutObject"]
    resources = local.lake_object_arns
  }

  statement {
    sid       = "UseLakeKey"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role" "operator" {
  name                 = "${var.name_prefix}-operator"
  description          = "Tokyo-IA lake recovery by people, MFA required"
  assume_role_policy   = data.aws_iam_policy_document.operator_trust.json
  max_session_duration = var.operator_max_session_seconds
  tags                 = var.tags
}

resource "aws_iam_role_policy" "operator" {
  name   = "restore-lake"
  role   = aws_iam_role.operator.id
  policy = data.aws_iam_policy_document.operator.json
}
