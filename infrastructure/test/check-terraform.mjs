#!/usr/bin/env node
// Offline checks of the Terraform under infrastructure/ (no AWS account, no provider download).
//
//   node test/check-terraform.mjs                                  check modules/ and envs/
//   node test/check-terraform.mjs --expect-failures test/fixtures/*  prove each rule fails when broken
//
// Exit status 0 when everything passed; 1 otherwise, with every failure printed.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runRules } from "./lib/runner.mjs";
import { runTerraformChecks } from "./lib/terraform-cli.mjs";
import { runFixture } from "./lib/fixtures.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const infrastructureRoot = path.resolve(here, "..");
const projectRoot = path.resolve(infrastructureRoot, "..");

const args = process.argv.slice(2);
const fixturesAt = args.indexOf("--expect-failures");
if (fixturesAt >= 0) {
  const dirs = args.slice(fixturesAt + 1);
  process.exit(await checkFixtures(dirs));
}
process.exit(await checkTree());

async function checkTree() {
  console.log(`Terraform checks of ${path.relative(process.cwd(), infrastructureRoot) || "."} (modules/, envs/)`);
  const { results, counts, notes } = await runRules(infrastructureRoot, projectRoot);
  const rows = [
    ...results.map((r) => ({ id: r.id, title: r.title, status: r.failures.length ? "failed" : "passed", details: r.failures.map((f) => `${f.dir}: ${f.message}`) })),
    ...runTerraformChecks(infrastructureRoot),
  ];
  for (const row of rows) {
    console.log(`  ${row.status.toUpperCase().padEnd(7)} ${row.id.padEnd(19)} ${row.title}`);
    for (const detail of row.details) console.log(`          - ${detail.replace(/\n/g, "\n            ")}`);
  }
  console.log("Checked:");
  for (const [name, n] of counts) console.log(`  ${String(n).padStart(5)} ${name}`);
  for (const note of notes) console.log(`  note: ${note}`);
  const tally = (status) => rows.filter((r) => r.status === status).length;
  console.log(`terraform-checks: ${tally("passed")} passed, ${tally("failed")} failed, ${tally("skipped")} skipped`);
  return tally("failed") === 0 ? 0 : 1;
}

async function checkFixtures(dirs) {
  if (dirs.length === 0) {
    console.error("--expect-failures needs fixture directories");
    return 2;
  }
  console.log(`Self-test: ${dirs.length} deliberately broken trees, each must fail exactly as its fixture.json says`);
  let failed = 0;
  for (const dir of dirs) {
    const result = await runFixture(dir, infrastructureRoot, projectRoot);
    const ok = result.problems.length === 0;
    if (!ok) failed++;
    console.log(`  ${ok ? "PASS" : "FAIL"} ${result.name.padEnd(30)} ${result.description}`);
    if (ok) for (const f of result.failures) console.log(`         caught (${f.rule}) ${f.dir}: ${f.message}`);
    for (const problem of result.problems) console.log(`         - ${problem}`);
  }
  console.log(`fixtures: ${dirs.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
