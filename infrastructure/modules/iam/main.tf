data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name

  lake_object_arns   = ["${var.lake_bucket_arn}/${var.lake_prefix}/*", "${var.lake_bucket_arn}/${var.rollups_prefix}/*"]
  lake_list_prefixes = ["${var.lake_prefix}/*", "${var.rollups_prefix}/*"]

  # Glue authorizes a table action on the catalog, the database and the table together.
  glue_catalog_arn  = "arn:${local.partition}:glue:${local.region}:${local.account_id}:catalog"
  glue_database_arn = "arn:${local.partition}:glue:${local.region}:${local.account_id}:database/${var.glue_database_name}"
  glue_table_arns   = [for table in var.glue_table_names : "arn:${local.partition}:glue:${local.region}:${local.account_id}:table/${var.glue_database_name}/${table}"]

  oidc_issuer = var.oidc_provider_arn == "" ? "" : element(split("oidc-provider/", var.oidc_provider_arn), 1)

  # The EAR exports and queries in one JVM with one credentials chain, so a node running all of
  # it needs both policies; etl and analytics serve deployments that split the two apart.
  app_roles = {
    node = {
      policies        = ["etl", "analytics"]
      service_account = var.kubernetes_service_account
      description     = "Tokyo-IA WildFly nodes running the whole EAR (export and analytics)"
    }
    etl = {
      policies        = ["etl"]
      service_account = "${var.kubernetes_service_account}-etl"
      description     = "Tokyo-IA nodes that only export to the lake"
    }
    analytics = {
      policies        = ["analytics"]
      service_account = "${var.kubernetes_service_account}-analytics"
      description     = "Tokyo-IA nodes that only query the lake"
    }
  }

  policy_arns = {
    etl       = aws_iam_policy.etl.arn
    analytics = aws_iam_policy.analytics.arn
  }

  role_policy_attachments = merge([
    for role, spec in local.app_roles : { for policy in spec.policies : "${role}-${policy}" => { role = role, policy = policy } }
  ]...)
}

data "aws_iam_policy_document" "app_trust" {
  for_each = local.app_roles

  statement {
    sid     = "WildFlyOnEc2"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }

  dynamic "statement" {
    for_each = var.oidc_provider_arn == "" ? [] : [each.value.service_account]

    content {
      sid     = "KubernetesServiceAccount"
      effect  = "Allow"
      actions = ["sts:AssumeRoleWithWebIdentity"]

      principals {
        type        = "Federated"
        identifiers = [var.oidc_provider_arn]
      }

      condition {
        test     = "StringEquals"
        variable = "${local.oidc_issuer}:sub"
        values   = ["system:serviceaccount:${var.kubernetes_namespace}:${statement.value}"]
      }

      condition {
        test     = "StringEquals"
        variable = "${local.oidc_issuer}:aud"
        values   = ["sts.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role" "app" {
  for_each = local.app_roles

  name               = "${var.name_prefix}-${each.key}"
  description        = each.value.description
  assume_role_policy = data.aws_iam_policy_document.app_trust[each.key].json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "app" {
  for_each = local.role_policy_attachments

  role       = aws_iam_role.app[each.value.role].name
  policy_arn = local.policy_arns[each.value.policy]
}

resource "aws_iam_instance_profile" "app" {
  for_each = local.app_roles

  name = "${var.name_prefix}-${each.key}"
  role = aws_iam_role.app[each.key].name
  tags = var.tags
}
