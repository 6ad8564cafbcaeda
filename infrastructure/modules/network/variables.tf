variable "name_prefix" {
  type        = string
  description = "Prefix of the security group's name and of the endpoints' Name tags."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the WildFly nodes."

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}

variable "route_table_ids" {
  type        = list(string)
  description = "Route tables of the nodes' subnets; the S3 gateway endpoint adds its route to each."

  validation {
    condition     = length(var.route_table_ids) > 0
    error_message = "route_table_ids must name at least one route table."
  }
}

variable "subnet_ids" {
  type        = list(string)
  description = "Subnets (one per availability zone) where the interface endpoints get their network interfaces."

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids must name at least one subnet."
  }
}

variable "allowed_cidr_blocks" {
  type        = list(string)
  description = "CIDR blocks allowed to reach the interface endpoints on 443 (the nodes' subnets)."

  validation {
    condition     = length(var.allowed_cidr_blocks) > 0 && alltrue([for cidr in var.allowed_cidr_blocks : can(cidrhost(cidr, 0))])
    error_message = "allowed_cidr_blocks must be a non-empty list of CIDR blocks."
  }
}

variable "enable_kms_endpoint" {
  type        = bool
  description = "Add a KMS interface endpoint. The application never calls KMS itself (S3 does, server side), so only other tools need it."
  default     = false
}

variable "enable_sts_endpoint" {
  type        = bool
  description = "Add an STS interface endpoint: needed for IRSA (AssumeRoleWithWebIdentity) without internet access; instance profiles do not use STS."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags of the endpoints and the security group."
  default     = {}
}
