// Loads Terraform directories into plain objects: every block with the file it came from.
// .tf files go through @cdktf/hcl2json (the HCL parser of Terraform itself, compiled to WASM);
// .tf.json files are read as JSON and brought to the same shape.
import fs from "node:fs";
import path from "node:path";
import { parse } from "@cdktf/hcl2json";

const cache = new Map();

/** The module and environment directories of an infrastructure tree (modules/*, envs/*). */
export async function loadTree(root) {
  const dirs = [];
  for (const kind of ["modules", "envs"]) {
    const parent = path.join(root, kind);
    if (!fs.existsSync(parent)) continue;
    for (const entry of fs.readdirSync(parent, { withFileTypes: true }).sort(byName)) {
      if (entry.isDirectory()) dirs.push(await loadDir(path.join(parent, entry.name), root));
    }
  }
  return { root, dirs };
}

/** One directory, parsed once per run even when several callers reach it. */
export async function loadDir(abs, root) {
  const key = path.resolve(abs);
  if (!cache.has(key)) cache.set(key, await readDir(key, root));
  return cache.get(key);
}

async function readDir(abs, root) {
  const rel = path.relative(root, abs) || ".";
  const kind = rel.startsWith("envs" + path.sep) ? "env" : "module";
  const dir = {
    abs, rel, kind, exists: fs.existsSync(abs),
    files: [], parseErrors: [],
    variables: [], outputs: [], locals: [], resources: [], data: [], modules: [], terraform: [], providers: [],
  };
  if (!dir.exists) return dir;
  dir.files = fs.readdirSync(abs).sort();
  for (const file of dir.files) {
    const text = () => fs.readFileSync(path.join(abs, file), "utf8");
    let config;
    try {
      if (file.endsWith(".tf.json")) config = normalizeJson(JSON.parse(text()));
      else if (file.endsWith(".tf")) config = await parse(file, text());
      else continue;
    } catch (e) {
      dir.parseErrors.push(`${file}: ${String(e.message || e).split("\n")[0]}`);
      continue;
    }
    collect(dir, file, config);
  }
  return dir;
}

function collect(dir, file, config) {
  for (const [name, bodies] of Object.entries(config.variable ?? {})) for (const body of bodies) dir.variables.push({ name, body, file });
  for (const [name, bodies] of Object.entries(config.output ?? {})) for (const body of bodies) dir.outputs.push({ name, body, file });
  for (const [name, bodies] of Object.entries(config.module ?? {})) for (const body of bodies) dir.modules.push({ name, body, file });
  for (const [name, bodies] of Object.entries(config.provider ?? {})) for (const body of bodies) dir.providers.push({ name, body, file });
  for (const body of config.terraform ?? []) dir.terraform.push({ body, file });
  for (const block of config.locals ?? []) for (const [name, value] of Object.entries(block)) dir.locals.push({ name, value, file });
  for (const [kind, target] of [["resource", dir.resources], ["data", dir.data]]) {
    for (const [type, named] of Object.entries(config[kind] ?? {})) {
      for (const [name, bodies] of Object.entries(named)) for (const body of bodies) target.push({ type, name, body, file });
    }
  }
}

// Terraform's JSON syntax writes a block as an object (or a list of objects) where HCL parsing
// gives a list of bodies: bring it to the HCL shape.
function normalizeJson(json) {
  const list = (value) => (Array.isArray(value) ? value : [value]);
  const out = {};
  for (const [key, value] of Object.entries(json)) {
    if (key === "locals" || key === "terraform") out[key] = list(value);
    else if (["variable", "output", "module", "provider"].includes(key)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, body]) => [name, list(body)]));
    } else if (key === "resource" || key === "data") {
      out[key] = Object.fromEntries(Object.entries(value).map(([type, named]) =>
        [type, Object.fromEntries(Object.entries(named).map(([name, body]) => [name, list(body)]))]));
    }
  }
  return out;
}

function byName(a, b) {
  return a.name.localeCompare(b.name);
}

/** Lookup helpers shared by the rules. */
export const find = {
  variable: (dir, name) => dir.variables.find((v) => v.name === name),
  local: (dir, name) => dir.locals.find((l) => l.name === name),
  output: (dir, name) => dir.outputs.find((o) => o.name === name),
  resource: (dir, type, name) => dir.resources.find((r) => r.type === type && r.name === name),
  data: (dir, type, name) => dir.data.find((d) => d.type === type && d.name === name),
  module: (dir, name) => dir.modules.find((m) => m.name === name),
};

/** The directory a module block's local source points at, or null for registry sources. */
export function moduleSourceDir(dir, moduleBlock) {
  const source = moduleBlock.body.source;
  if (typeof source !== "string" || !(source.startsWith("./") || source.startsWith("../"))) return null;
  return path.resolve(dir.abs, source);
}
