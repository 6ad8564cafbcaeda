// Every bucket: TLS only (a bucket policy denying aws:SecureTransport=false to everyone), all
// four public access blocks, ACLs disabled (BucketOwnerEnforced) and SSE-KMS with a bucket key.
import { find } from "../config.mjs";
import { referencesIn, referenceNames } from "../expressions.mjs";

export const id = "buckets";
export const title = "buckets TLS-only, private, owner-enforced, SSE-KMS";

const PUBLIC_ACCESS_BLOCKS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

export async function check(tree, ctx) {
  for (const dir of tree.dirs) {
    const buckets = dir.resources.filter((r) => r.type === "aws_s3_bucket");
    for (const bucket of buckets) {
      ctx.count("buckets");
      const label = `aws_s3_bucket.${bucket.name}`;
      const companion = async (type) => {
        for (const resource of dir.resources.filter((r) => r.type === type)) {
          const names = (await referencesIn(String(resource.body.bucket ?? ""))).map(referenceNames);
          if (names.some(([t, n]) => t === "aws_s3_bucket" && n === bucket.name)) return resource;
        }
        return null;
      };

      const policy = await companion("aws_s3_bucket_policy");
      if (!policy) ctx.fail(dir.rel, `${label} has no aws_s3_bucket_policy: it must deny requests without TLS`);
      else checkTlsDeny(dir, label, policy, ctx);

      const block = await companion("aws_s3_bucket_public_access_block");
      const open = PUBLIC_ACCESS_BLOCKS.filter((setting) => block?.body[setting] !== true);
      if (!block) ctx.fail(dir.rel, `${label} has no aws_s3_bucket_public_access_block`);
      else if (open.length > 0) ctx.fail(dir.rel, `${label}: public access block must set ${open.join(", ")} to true`);

      const ownership = await companion("aws_s3_bucket_ownership_controls");
      if (ownership?.body.rule?.[0]?.object_ownership !== "BucketOwnerEnforced") ctx.fail(dir.rel, `${label} needs ownership controls with object_ownership = "BucketOwnerEnforced"`);

      const encryption = await companion("aws_s3_bucket_server_side_encryption_configuration");
      const rule = encryption?.body.rule?.[0];
      const byDefault = rule?.apply_server_side_encryption_by_default?.[0];
      if (byDefault?.sse_algorithm !== "aws:kms" || rule?.bucket_key_enabled !== true) ctx.fail(dir.rel, `${label} needs default encryption aws:kms with bucket_key_enabled = true`);
    }
  }
}

function checkTlsDeny(dir, label, policy, ctx) {
  const match = String(policy.body.policy ?? "").match(/^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)/);
  const document = match && find.data(dir, "aws_iam_policy_document", match[1]);
  if (!document) {
    ctx.fail(dir.rel, `${label}: its bucket policy is not a policy document of ${dir.rel}`);
    return;
  }
  // Only unconditional statements count: TLS must not depend on a flag.
  const denies = (document.body.statement ?? []).filter((s) => s.effect === "Deny"
    && (s.actions ?? []).includes("s3:*")
    && (s.principals ?? []).some((p) => p.type === "*" && (p.identifiers ?? []).includes("*"))
    && (s.condition ?? []).some((c) => c.test === "Bool" && c.variable === "aws:SecureTransport" && JSON.stringify(c.values) === '["false"]'));
  const coversObjects = (s) => (s.resources ?? []).some((r) => String(r).endsWith("/*"));
  const coversBucket = (s) => (s.resources ?? []).some((r) => !String(r).endsWith("/*"));
  if (!denies.some((s) => coversObjects(s) && coversBucket(s))) {
    ctx.fail(dir.rel, `${label}: bucket policy data.aws_iam_policy_document.${document.name} lacks a Deny of s3:* to "*" on the bucket and its objects when aws:SecureTransport is false`);
  } else {
    ctx.count("TLS-only bucket policies");
  }
}
