terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
  }

  # State lives in S3, never on a laptop: terraform init -backend-config=backend.hcl
  # (backend.hcl.example shows the settings).
  backend "s3" {}
}
