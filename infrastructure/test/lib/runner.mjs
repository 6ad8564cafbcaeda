// Runs every rule over one infrastructure tree and collects what each found.
import fs from "node:fs";
import path from "node:path";
import { loadTree } from "./config.mjs";
import * as structure from "./rules/structure.mjs";
import * as variables from "./rules/variables.mjs";
import * as references from "./rules/references.mjs";
import * as modules from "./rules/modules.mjs";
import * as iam from "./rules/iam.mjs";
import * as buckets from "./rules/buckets.mjs";
import * as lifecycle from "./rules/lifecycle.mjs";
import * as athena from "./rules/athena.mjs";
import * as glue from "./rules/glue.mjs";
import * as environments from "./rules/environments.mjs";
import * as policy from "./rules/policy.mjs";

export const RULES = [structure, variables, references, modules, iam, buckets, lifecycle, athena, glue, environments, policy];

/**
 * Returns { results: [{ id, title, failures: [{ dir, message }] }], counts: Map, notes: [] }.
 * A rule that throws is reported as failed with the error, never as passed.
 */
export async function runRules(root, projectRoot) {
  const tree = await loadTree(root);
  const counts = new Map();
  const notes = [];
  const results = [];
  for (const rule of RULES) {
    const failures = [];
    const ctx = {
      projectRoot,
      fail: (dir, message) => failures.push({ dir, message }),
      count: (name, n = 1) => counts.set(name, (counts.get(name) ?? 0) + n),
      note: (message) => notes.push(message),
      readText: (dir, file) => fs.readFileSync(path.join(dir.abs, file), "utf8"),
    };
    try {
      await rule.check(tree, ctx);
    } catch (e) {
      failures.push({ dir: ".", message: `the check itself failed: ${e.stack || e}` });
    }
    results.push({ id: rule.id, title: rule.title, failures });
  }
  return { results, counts, notes };
}
