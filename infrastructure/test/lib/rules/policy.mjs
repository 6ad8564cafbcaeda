// The IAM policies against the AWS calls the application really makes: the SDK interceptor of
// the tests (testing/.../AwsCallRecorder) writes each call of the ejb-etl and ejb-analytics tests
// as "role, IAM action, resource ARN"; this rule evaluates the etl and analytics policy documents
// of the module that declares them (Allow with wildcards, explicit Deny wins) and fails when a
// recorded call is not allowed, or when a policy allows an action no recorded call uses and
// policy-unrecorded-actions.json does not say why (AWS services acting on the caller's behalf).
// Conditions are not evaluated; each one is listed as a note.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate } from "../evaluate.mjs";
import { find } from "../config.mjs";

export const id = "policy";
export const title = "IAM policies allow every recorded AWS call, and nothing unused";

const here = path.dirname(fileURLToPath(import.meta.url));
const UNRECORDED = path.resolve(here, "../../policy-unrecorded-actions.json");
const DEFAULT_RECORDINGS = ["ejb-etl/target/aws-calls/ejb-etl.tsv", "ejb-analytics/target/aws-calls/ejb-analytics.tsv"];
const ROLES = ["etl", "analytics"];

// What the policies' inputs stand for; recorded calls are rewritten into the same names.
const LAKE_BUCKET = "arn:aws:s3:::LAKE-BUCKET";
const BINDINGS = {
  "var.lake_bucket_arn": LAKE_BUCKET,
  "var.results_bucket_arn": "arn:aws:s3:::RESULTS-BUCKET",
  "var.lake_prefix": "lake",
  "var.rollups_prefix": "rollups",
  "var.glue_database_name": "LAKE-DATABASE",
  "var.kms_key_arn": "arn:aws:kms:REGION:ACCOUNT:key/LAKE-KEY",
  "var.athena_workgroup_arns": ["arn:aws:athena:REGION:ACCOUNT:workgroup/WORK-GROUP"],
  "data.aws_partition.current.partition": "aws",
  "data.aws_region.current.name": "REGION",
  "data.aws_caller_identity.current.account_id": "ACCOUNT",
};

export async function check(tree, ctx) {
  const dir = tree.dirs.find((d) => ROLES.every((role) => find.data(d, "aws_iam_policy_document", role)));
  if (!dir) {
    ctx.fail(".", `no module declares the policy documents ${ROLES.join(" and ")}`);
    return;
  }
  const calls = recordedCalls(ctx);
  if (!calls) return;
  const tables = lakeTables(tree);
  const unrecorded = JSON.parse(fs.readFileSync(UNRECORDED, "utf8"));
  const lookup = lookupIn(dir, tables);

  for (const role of ROLES) {
    const document = find.data(dir, "aws_iam_policy_document", role);
    const statements = readStatements(dir, role, document, lookup, ctx);
    const mine = calls.filter((c) => c.role === role).map((c) => ({ ...c, resource: normalize(c.resource, tables) }));
    if (mine.length === 0) ctx.fail(dir.rel, `no recorded call of the ${role} role: the recordings are incomplete`);
    ctx.count("recorded AWS calls", mine.length);

    const refused = new Map();
    for (const call of mine) {
      if (call.resource === null) {
        ctx.fail(dir.rel, `${role}: a recorded ${call.action} on ${call.original} names no lake table; teach policy.mjs where it belongs`);
        continue;
      }
      const verdict = decide(statements, call.action, call.resource);
      if (verdict !== "allowed") refused.set(`${call.action} ${shape(call.resource)}`, `${verdict} (first seen: ${call.original})`);
    }
    for (const [what, why] of refused) ctx.fail(dir.rel, `${role}: the application calls ${what}, ${why}, by data.aws_iam_policy_document.${role}`);

    const used = new Set(mine.map((c) => c.action.toLowerCase()));
    const explained = unrecorded[role] ?? {};
    for (const statement of statements.filter((s) => s.effect === "Allow")) {
      for (const action of statement.actions) {
        ctx.count("allowed actions checked");
        if (used.has(action.toLowerCase())) continue;
        if (explained[action]) {
          ctx.count("allowed actions used by AWS on the caller's behalf");
          continue;
        }
        ctx.fail(dir.rel, `${role}: statement "${statement.sid}" allows ${action}, which no recorded call uses `
          + `(remove it, or explain in test/policy-unrecorded-actions.json who calls it)`);
      }
    }
    for (const action of Object.keys(explained)) {
      if (!statements.some((s) => s.effect === "Allow" && s.actions.includes(action))) {
        ctx.fail(dir.rel, `${role}: policy-unrecorded-actions.json explains ${action}, which the policy no longer allows`);
      }
    }
  }
}

function recordedCalls(ctx) {
  const files = process.env.TOKYOIA_POLICY_CALLS
    ? process.env.TOKYOIA_POLICY_CALLS.split(":")
    : DEFAULT_RECORDINGS.map((f) => path.join(ctx.projectRoot, f));
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) {
    ctx.fail(".", `no recorded AWS calls at ${missing.join(", ")}: run the ejb-etl and ejb-analytics tests first `
      + `(./tokyo-ia test runs everything in order), or name recordings in TOKYOIA_POLICY_CALLS`);
    return null;
  }
  return files.flatMap((f) => fs.readFileSync(f, "utf8").split("\n").filter(Boolean).map((line) => {
    const [role, action, resource] = line.split("\t");
    return { role, action, resource, original: resource };
  }));
}

function lakeTables(tree) {
  for (const dir of tree.dirs) {
    const file = path.join(dir.abs, "lake_tables.tf.json");
    if (fs.existsSync(file)) return Object.keys(JSON.parse(fs.readFileSync(file, "utf8")).locals.lake_tables);
  }
  throw new Error("no lake_tables.tf.json: the lake's tables are unknown");
}

function lookupIn(dir, tables) {
  const bindings = { ...BINDINGS, "var.glue_table_names": tables };
  const lookup = (reference) => {
    if (reference in bindings) return bindings[reference];
    if (reference.startsWith("local.")) {
      const local = find.local(dir, reference.slice("local.".length));
      return local === undefined ? undefined : evaluate(local.value, lookup);
    }
    return undefined;
  };
  return lookup;
}

function readStatements(dir, role, document, lookup, ctx) {
  const statements = [];
  for (const statement of document.body.statement ?? []) {
    const sid = statement.sid ?? "(no sid)";
    try {
      statements.push({
        sid,
        effect: statement.effect ?? "Allow",
        actions: evaluate(statement.actions ?? [], lookup),
        resources: evaluate(statement.resources ?? [], lookup),
      });
    } catch (e) {
      ctx.fail(dir.rel, `${role}: statement "${sid}" cannot be evaluated: ${e.message}`);
    }
    for (const condition of statement.condition ?? []) {
      ctx.note(`policy: condition ${condition.test} ${condition.variable} of ${role}/${sid} is not evaluated`);
    }
  }
  if ((document.body.dynamic?.statement ?? []).length) ctx.fail(dir.rel, `${role}: dynamic statements are not evaluated`);
  return statements;
}

/** "allowed", "denied explicitly" or "not allowed". */
function decide(statements, action, resource) {
  const matching = statements.filter((s) => s.actions.some((a) => glob(a, action, true)) && s.resources.some((r) => glob(r, resource, false)));
  if (matching.some((s) => s.effect === "Deny")) return "denied explicitly";
  return matching.some((s) => s.effect === "Allow") ? "allowed" : "not allowed";
}

function glob(pattern, value, ignoreCase) {
  const regex = new RegExp(`^${pattern.split("*").map((p) => p.split("?").map(escape).join(".")).join(".*")}$`, ignoreCase ? "i" : "");
  return regex.test(value);
}

function escape(text) {
  return text.replace(/[.+^${}()|[\]\\]/g, "\\$&");
}

/**
 * The recorded resource in the policies' names: any test bucket is the lake bucket, a key is the
 * lake prefix and what follows the first lake table folder, any database the lake database, any
 * workgroup the application's. null when a key holds no table folder.
 */
function normalize(resource, tables) {
  let m = /^arn:aws:s3:::([^/]+)\/(.*)$/.exec(resource);
  if (m) {
    const segments = m[2].split("/");
    const at = segments.findIndex((s) => tables.includes(s));
    return at < 0 ? null : `${LAKE_BUCKET}/lake/${segments.slice(at).join("/")}`;
  }
  if (/^arn:aws:s3:::[^/]+$/.test(resource)) return LAKE_BUCKET;
  m = /^(arn:aws:glue:REGION:ACCOUNT:(?:database|table))\/([^/]+)(\/.*)?$/.exec(resource);
  if (m) return `${m[1]}/LAKE-DATABASE${m[3] ?? ""}`;
  if (/^arn:aws:athena:REGION:ACCOUNT:workgroup\//.test(resource)) return BINDINGS["var.athena_workgroup_arns"][0];
  return resource;
}

/** One line per kind of call: dates and versions of keys folded. */
function shape(resource) {
  return resource.replace(/year=\d{4}\/month=\d{2}\/day=\d{2}/, "year=*/month=*/day=*").replace(/v=\d+/, "v=*");
}
