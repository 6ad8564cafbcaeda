// Module calls: the source exists, every argument is a variable the module declares, every
// variable without a default is passed, and every provider alias the module needs is handed in.
import fs from "node:fs";
import { loadDir, moduleSourceDir } from "../config.mjs";

export const id = "modules";
export const title = "module calls match the called modules' variables";

const META_ARGUMENTS = new Set(["source", "version", "providers", "count", "for_each", "depends_on"]);

export async function check(tree, ctx) {
  for (const dir of tree.dirs) {
    for (const call of dir.modules) {
      ctx.count("module calls");
      const label = `module "${call.name}"`;
      const source = moduleSourceDir(dir, call);
      if (!source) {
        ctx.fail(dir.rel, `${label}: source "${call.body.source}" is not a local path; only local modules are used here`);
        continue;
      }
      if (!fs.existsSync(source)) {
        ctx.fail(dir.rel, `${label}: source "${call.body.source}" does not exist`);
        continue;
      }
      const called = await loadDir(source, dir.abs);
      const declared = new Map(called.variables.map((v) => [v.name, v.body]));
      for (const argument of Object.keys(call.body)) {
        if (META_ARGUMENTS.has(argument)) continue;
        ctx.count("module arguments");
        if (!declared.has(argument)) ctx.fail(dir.rel, `${label}: argument "${argument}" is not a variable of ${call.body.source}`);
      }
      for (const [name, body] of declared) {
        if (!("default" in body) && !(name in call.body)) ctx.fail(dir.rel, `${label}: required variable "${name}" of ${call.body.source} is not passed`);
      }
      const passed = Object.keys(Object.assign({}, ...(toList(call.body.providers))));
      for (const alias of configurationAliases(called)) {
        if (!passed.includes(alias)) ctx.fail(dir.rel, `${label}: ${call.body.source} needs provider ${alias}, not passed in providers`);
      }
    }
  }
}

function configurationAliases(dir) {
  const aliases = [];
  for (const { body } of dir.terraform) {
    for (const providers of body.required_providers ?? []) {
      for (const requirement of Object.values(providers)) {
        for (const alias of requirement.configuration_aliases ?? []) aliases.push(alias.replace(/^\$\{|\}$/g, ""));
      }
    }
  }
  return aliases;
}

function toList(value) {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
