provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# The replica region: the lake bucket module puts the replica bucket and its key there.
provider "aws" {
  alias  = "replica"
  region = var.replication_region

  default_tags {
    tags = local.tags
  }
}
