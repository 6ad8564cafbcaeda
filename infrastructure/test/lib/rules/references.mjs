// Reference resolution as terraform validate would do it for names: every var.X, local.X,
// data.T.N, T.N and module.M.O points at something declared in the same directory (and, for
// module outputs, declared by the called module).
import { loadDir, moduleSourceDir, find } from "../config.mjs";
import { referencesIn, referenceNames, walkStrings } from "../expressions.mjs";

export const id = "references";
export const title = "var, local, data, resource and module references resolve";

// Roots that name no block: the iteration objects and Terraform's own values.
const BUILT_IN = new Set(["each", "count", "path", "terraform", "self"]);

export async function check(tree, ctx) {
  for (const dir of tree.dirs) {
    const blocks = [
      ...dir.variables.map((b) => ({ label: `variable "${b.name}"`, body: b.body, skip: (w) => w[0] === "type" })),
      ...dir.outputs.map((b) => ({ label: `output "${b.name}"`, body: b.body })),
      ...dir.locals.map((b) => ({ label: `local "${b.name}"`, body: b.value })),
      ...dir.resources.map((b) => ({ label: `${b.type}.${b.name}`, body: b.body, skip: resourceMeta })),
      ...dir.data.map((b) => ({ label: `data.${b.type}.${b.name}`, body: b.body, skip: resourceMeta })),
      ...dir.modules.map((b) => ({ label: `module "${b.name}"`, body: b.body, skip: (w) => w[0] === "providers" })),
      ...dir.providers.map((b) => ({ label: `provider "${b.name}"`, body: b.body })),
    ];
    for (const block of blocks) {
      await walkStrings(block.body, async (text, scope) => {
        for (const reference of await referencesIn(text)) {
          const problem = await resolve(dir, reference, scope);
          ctx.count("references resolved");
          if (problem) ctx.fail(dir.rel, `${block.label}: ${problem}`);
        }
      }, { skip: block.skip });
    }
  }
}

function resourceMeta(where) {
  // provider = aws.replica names a provider configuration, ignore_changes names attributes.
  return where[0] === "provider" || (where[0] === "lifecycle" && where[1] === "ignore_changes");
}

async function resolve(dir, reference, scope) {
  const names = referenceNames(reference);
  const [root, first, second] = names;
  if (BUILT_IN.has(root) || scope.has(root)) return null;
  if (root === "var") return find.variable(dir, first) ? null : `var.${first} is not declared in ${dir.rel}/variables.tf`;
  if (root === "local") return find.local(dir, first) ? null : `local.${first} is not defined in ${dir.rel}`;
  if (root === "data") return find.data(dir, first, second) ? null : `data.${first}.${second} is not declared in ${dir.rel}`;
  if (root === "module") {
    const call = find.module(dir, first);
    if (!call) return `module.${first} is not declared in ${dir.rel}`;
    if (second === undefined) return null;
    const source = moduleSourceDir(dir, call);
    if (!source) return null;
    const called = await loadDir(source, dir.abs);
    return find.output(called, second) ? null : `module.${first}.${second}: ${call.body.source} declares no output "${second}"`;
  }
  if (/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(root) && first !== undefined) {
    return find.resource(dir, root, first) ? null : `${root}.${first} is not declared in ${dir.rel}`;
  }
  return `unknown reference "${reference}"`;
}
