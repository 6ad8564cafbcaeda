data "aws_caller_identity" "current" {}

locals {
  account_id          = data.aws_caller_identity.current.account_id
  lake_bucket_name    = var.lake_bucket_name != "" ? var.lake_bucket_name : "${var.name_prefix}-lake-${local.account_id}"
  results_bucket_name = var.results_bucket_name != "" ? var.results_bucket_name : "${var.name_prefix}-athena-results-${local.account_id}"

  tags = merge({ Project = "tokyo-ia", Environment = "dev", ManagedBy = "terraform" }, var.tags)
}

module "lake_bucket" {
  source = "../../modules/lake-bucket"

  providers = {
    aws         = aws
    aws.replica = aws.replica
  }

  bucket_name         = local.lake_bucket_name
  results_bucket_name = local.results_bucket_name
  lake_prefix         = var.lake_prefix

  # A throw-away environment: buckets may be destroyed with their data, old versions and query
  # results go sooner (the runbook's 7-day restore window still holds).
  force_destroy                = true
  noncurrent_expire_after_days = 7
  results_expire_days          = 1
}

module "glue_catalog" {
  source = "../../modules/glue-catalog"

  bucket_name = module.lake_bucket.bucket_name
  lake_prefix = module.lake_bucket.lake_prefix
}

module "athena" {
  source = "../../modules/athena-workgroup"

  name                = var.name_prefix
  admin_name          = "${var.name_prefix}-admin"
  results_bucket_name = module.lake_bucket.results_bucket_name
  kms_key_arn         = module.lake_bucket.kms_key_arn
  max_query_usd       = var.max_query_usd
  admin_max_query_usd = var.admin_max_query_usd
  force_destroy       = true
}

module "iam" {
  source = "../../modules/iam"

  name_prefix           = var.name_prefix
  lake_bucket_arn       = module.lake_bucket.bucket_arn
  lake_prefix           = module.lake_bucket.lake_prefix
  rollups_prefix        = module.lake_bucket.rollups_prefix
  results_bucket_arn    = module.lake_bucket.results_bucket_arn
  kms_key_arn           = module.lake_bucket.kms_key_arn
  glue_database_name    = module.glue_catalog.database_name
  glue_table_names      = module.glue_catalog.table_names
  athena_workgroup_arns = [module.athena.workgroup_arn, module.athena.admin_workgroup_arn]
  oidc_provider_arn     = var.oidc_provider_arn
}

module "network" {
  source = "../../modules/network"
  count  = var.vpc_id == "" ? 0 : 1

  name_prefix         = var.name_prefix
  vpc_id              = var.vpc_id
  route_table_ids     = var.route_table_ids
  subnet_ids          = var.endpoint_subnet_ids
  allowed_cidr_blocks = var.node_cidr_blocks
  enable_sts_endpoint = var.oidc_provider_arn != ""
}
