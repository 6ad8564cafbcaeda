// Terraform expressions as hcl2json leaves them: strings holding "${...}" (or "%{...}") whose
// references come from Terraform's own expression parser, so for-expression variables,
// escaped "$${...}" and string keys are handled as Terraform handles them.
import { getReferencesInExpression } from "@cdktf/hcl2json";

const referenceCache = new Map();

export function isExpression(value) {
  return typeof value === "string" && (value.includes("${") || value.includes("%{"));
}

/** References in one string, as dotted paths ("var.x", "aws_s3_bucket.lake.0.arn"...). */
export async function referencesIn(text) {
  if (!isExpression(text)) return [];
  if (!referenceCache.has(text)) {
    const found = await getReferencesInExpression("expression.tf", text);
    referenceCache.set(text, found.map((r) => r.value));
  }
  return referenceCache.get(text);
}

/** The path of a reference split into names, without index steps ([0], ["key"]). */
export function referenceNames(reference) {
  return reference.split(".").filter((part) => !/^\d+$/.test(part) && !part.startsWith('"'));
}

/**
 * Calls visit(text, scope, where) for every string under a block body. scope holds the names of
 * the dynamic-block iterators in force there; `skip(where)` leaves out attributes that hold no
 * references Terraform resolves (a variable's type, a module's providers map...).
 */
export async function walkStrings(body, visit, { skip = () => false, where = [], scope = new Set() } = {}) {
  if (typeof body === "string") {
    await visit(body, scope, where);
    return;
  }
  if (Array.isArray(body)) {
    for (const item of body) await walkStrings(item, visit, { skip, where, scope });
    return;
  }
  if (body === null || typeof body !== "object") return;
  for (const [key, value] of Object.entries(body)) {
    const here = [...where, key];
    if (skip(here)) continue;
    if (key === "dynamic" && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [blockName, blocks] of Object.entries(value)) {
        for (const block of blocks) {
          if (block.for_each !== undefined) await walkStrings(block.for_each, visit, { skip, where: [...here, blockName, "for_each"], scope });
          const iterator = typeof block.iterator === "string" ? block.iterator.replace(/^\$\{|\}$/g, "") : blockName;
          const inner = new Set(scope).add(iterator);
          await walkStrings(block.content ?? [], visit, { skip, where: [...here, blockName, "content"], scope: inner });
        }
      }
      continue;
    }
    // Object keys can be expressions too ("${(var.name)}" = {...}).
    if (isExpression(key)) await visit(key, scope, here);
    await walkStrings(value, visit, { skip, where: here, scope });
  }
}

/** "${local.x}" -> "x" when the whole string is one local reference, else null. */
export function wholeLocal(value) {
  const match = typeof value === "string" && value.match(/^\$\{local\.([A-Za-z0-9_-]+)\}$/);
  return match ? match[1] : null;
}

/**
 * Substitutes "${var.x}" with the variable's default and "${local.x}" with a string local, so a
 * value such as "${var.lake_prefix}/_staging/" can be compared with a literal. Returns null when
 * something else remains unresolved.
 */
export function resolveString(value, dir, depth = 0) {
  if (typeof value !== "string") return null;
  if (depth > 5) return null;
  let unresolved = false;
  const text = value.replace(/\$\{(var|local)\.([A-Za-z0-9_-]+)\}/g, (whole, kind, name) => {
    const found = kind === "var"
      ? dir.variables.find((v) => v.name === name)?.body.default
      : dir.locals.find((l) => l.name === name)?.value;
    const resolved = kind === "local" ? resolveString(found, dir, depth + 1) : found;
    if (typeof resolved !== "string") {
      unresolved = true;
      return whole;
    }
    return resolved;
  });
  return unresolved || isExpression(text) ? null : text;
}
