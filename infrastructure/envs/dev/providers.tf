provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# The lake bucket module needs a replica provider even with replication off; dev never replicates,
# so it is the same region and creates nothing.
provider "aws" {
  alias  = "replica"
  region = var.region

  default_tags {
    tags = local.tags
  }
}
