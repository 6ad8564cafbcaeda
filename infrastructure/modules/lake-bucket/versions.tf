terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.70 added transition_default_minimum_object_size to the lifecycle configuration.
      version               = "~> 5.70"
      configuration_aliases = [aws.replica]
    }
  }
}
