// The bucket lifecycle and the application's storage-class model (tokyoia.lifecycle.* in
// lake/.../microprofile-config.properties) must agree: the defaults are compared, the rules must
// use the variables, and no archiving rule may reach the rollups prefix.
import { find } from "../config.mjs";
import { PROPERTIES, readProperties } from "../app-settings.mjs";
import { resolveString, wholeLocal } from "../expressions.mjs";

export const id = "lifecycle";
export const title = "lifecycle defaults equal tokyoia.lifecycle.*, rollups never archived";

const SETTINGS = {
  glacier_ir_after_days: "tokyoia.lifecycle.glacier-ir-after-days",
  deep_archive_after_days: "tokyoia.lifecycle.deep-archive-after-days",
  expire_after_days: "tokyoia.lifecycle.expire-after-days",
  noncurrent_expire_after_days: "tokyoia.lifecycle.noncurrent-expire-after-days",
};

export async function check(tree, ctx) {
  const properties = readProperties(ctx.projectRoot, PROPERTIES.lake);
  const owners = tree.dirs.filter((d) => Object.keys(SETTINGS).some((name) => find.variable(d, name)));
  if (owners.length === 0) ctx.fail(".", "no module declares the lifecycle variables (glacier_ir_after_days...)");

  for (const dir of owners) {
    for (const [name, key] of Object.entries(SETTINGS)) {
      const variable = find.variable(dir, name);
      const expected = Number(properties.get(key));
      if (!properties.has(key)) ctx.fail(dir.rel, `${PROPERTIES.lake} has no ${key}`);
      else if (!variable) ctx.fail(dir.rel, `declares some lifecycle variables but not ${name}`);
      else if (variable.body.default !== expected) ctx.fail(dir.rel, `variable "${name}" defaults to ${variable.body.default}, but ${key}=${properties.get(key)}`);
      else ctx.count("lifecycle defaults equal to the application's");
    }
    const windowChecked = (find.variable(dir, "noncurrent_expire_after_days")?.body.validation ?? [])
      .some((v) => /var\.noncurrent_expire_after_days\s*>=\s*7\b/.test(String(v.condition)));
    if (!windowChecked) ctx.fail(dir.rel, "variable \"noncurrent_expire_after_days\" needs a validation that it is >= 7 (the runbook's restore window)");
    checkRules(dir, ctx);
  }
}

function checkRules(dir, ctx) {
  const lakePrefix = resolveString("${var.lake_prefix}", dir);
  const rollupsPrefix = resolveString("${var.rollups_prefix}", dir);
  if (!lakePrefix || !rollupsPrefix) {
    ctx.fail(dir.rel, "lake_prefix and rollups_prefix need string defaults to check the lifecycle rules against");
    return;
  }
  const configurations = dir.resources.filter((r) => r.type === "aws_s3_bucket_lifecycle_configuration");
  for (const configuration of configurations) {
    const label = `aws_s3_bucket_lifecycle_configuration.${configuration.name}`;
    const rules = readRules(dir, configuration, label, ctx);
    for (const rule of rules) {
      ctx.count("lifecycle rules");
      if (rule.transitions.length === 0) continue;
      const prefix = resolveString(rule.prefix ?? "", dir) ?? null;
      if (!prefix) ctx.fail(dir.rel, `${label} rule "${rule.id}": a rule with transitions needs a literal prefix (it would otherwise cover ${rollupsPrefix}/)`);
      else if (`${rollupsPrefix}/`.startsWith(prefix) || prefix.startsWith(`${rollupsPrefix}/`)) ctx.fail(dir.rel, `${label} rule "${rule.id}": transitions objects under "${prefix}", which reaches the rollups prefix "${rollupsPrefix}/"`);
    }
    if (!rules.some((r) => r.transitions.length > 0)) continue;

    const tiering = rules.find((r) => resolveString(r.prefix ?? "", dir) === `${lakePrefix}/`);
    const transition = (storageClass) => tiering?.transitions.find((t) => t.storage_class === storageClass)?.days;
    const wired = tiering
      && transition("GLACIER_IR") === "${var.glacier_ir_after_days}"
      && transition("DEEP_ARCHIVE") === "${var.deep_archive_after_days}"
      && tiering.expiration_days === "${var.expire_after_days}"
      && tiering.noncurrent_days === "${var.noncurrent_expire_after_days}";
    if (!wired) ctx.fail(dir.rel, `${label}: needs a rule on "${lakePrefix}/" with GLACIER_IR at var.glacier_ir_after_days, DEEP_ARCHIVE at var.deep_archive_after_days, expiration at var.expire_after_days and noncurrent expiration at var.noncurrent_expire_after_days`);

    const staging = rules.find((r) => resolveString(r.prefix ?? "", dir) === `${lakePrefix}/_staging/`);
    if (!staging || staging.expiration_days !== 1) ctx.fail(dir.rel, `${label}: needs a rule expiring "${lakePrefix}/_staging/" after 1 day`);

    const abort = rules.find((r) => r.abort_days !== undefined && (r.prefix ?? "") === "");
    const abortDays = abort && (wholeVariableDefault(dir, abort.abort_days) ?? abort.abort_days);
    if (abortDays !== 7) ctx.fail(dir.rel, `${label}: needs a whole-bucket rule aborting incomplete multipart uploads after 7 days (found ${abortDays ?? "none"})`);
  }
}

/** Static rule blocks and the entries a dynamic "rule" iterates (a literal local list). */
function readRules(dir, configuration, label, ctx) {
  const rules = (configuration.body.rule ?? []).map((rule) => ({
    id: rule.id,
    prefix: rule.filter?.[0]?.prefix ?? rule.prefix ?? "",
    transitions: rule.transition ?? [],
    expiration_days: rule.expiration?.[0]?.days,
    noncurrent_days: rule.noncurrent_version_expiration?.[0]?.noncurrent_days,
    abort_days: rule.abort_incomplete_multipart_upload?.[0]?.days_after_initiation,
  }));
  for (const block of configuration.body.dynamic?.rule ?? []) {
    const local = wholeLocal(block.for_each);
    const entries = local && find.local(dir, local)?.value;
    if (!Array.isArray(entries)) {
      ctx.fail(dir.rel, `${label}: a dynamic rule must iterate a literal local list so its rules can be checked`);
      continue;
    }
    for (const entry of entries) {
      rules.push({
        id: entry.id,
        prefix: entry.prefix,
        transitions: Array.isArray(entry.transitions) ? entry.transitions : [],
        expiration_days: entry.expiration_days,
        noncurrent_days: entry.noncurrent_days,
      });
    }
  }
  return rules;
}

function wholeVariableDefault(dir, value) {
  const match = typeof value === "string" && value.match(/^\$\{var\.([A-Za-z0-9_-]+)\}$/);
  return match ? find.variable(dir, match[1])?.body.default : undefined;
}
