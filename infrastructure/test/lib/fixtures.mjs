// Self-test: each fixture breaks the real tree in one way and names the failures that must
// follow. A fixture is a folder with fixture.json:
//   { "description": "...",
//     "edits":  [{ "file": "modules/x/main.tf", "replace": "text", "with": "text" }],
//     "remove": ["modules/x/versions.tf"],
//     "expect": [{ "rule": "iam", "message": "substring of the failure" }] }
// and optionally tree/, whose files are laid over a copy of modules/ and envs/ (new snippets).
// A fixture passes when every expected failure is reported and nothing else fails: the rule
// catches the break, and only that break.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runRules } from "./runner.mjs";

export async function runFixture(fixtureDir, infrastructureRoot, projectRoot) {
  const name = path.basename(path.resolve(fixtureDir));
  const spec = JSON.parse(fs.readFileSync(path.join(fixtureDir, "fixture.json"), "utf8"));
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), `tokyoia-fixture-${name}-`));
  const problems = [];
  try {
    for (const dir of ["modules", "envs"]) fs.cpSync(path.join(infrastructureRoot, dir), path.join(copy, dir), { recursive: true });
    const overlay = path.join(fixtureDir, "tree");
    if (fs.existsSync(overlay)) fs.cpSync(overlay, copy, { recursive: true });
    for (const file of spec.remove ?? []) fs.rmSync(path.join(copy, file), { recursive: true });
    for (const edit of spec.edits ?? []) {
      const file = path.join(copy, edit.file);
      const text = fs.readFileSync(file, "utf8");
      // A fixture whose text no longer exists would test nothing: fail it loudly instead.
      if (!text.includes(edit.replace)) throw new Error(`edit of ${edit.file}: "${edit.replace}" not found`);
      fs.writeFileSync(file, text.split(edit.replace).join(edit.with));
    }

    const { results } = await runRules(copy, projectRoot);
    const failures = results.flatMap((r) => r.failures.map((f) => ({ rule: r.id, ...f })));
    const matches = (failure, expected) => failure.rule === expected.rule && failure.message.includes(expected.message);
    for (const expected of spec.expect) {
      if (!failures.some((f) => matches(f, expected))) problems.push(`expected a ${expected.rule} failure containing "${expected.message}", none reported`);
    }
    for (const failure of failures) {
      if (!spec.expect.some((e) => matches(failure, e))) problems.push(`unexpected ${failure.rule} failure: ${failure.dir}: ${failure.message}`);
    }
    return { name, description: spec.description, problems, failures };
  } catch (e) {
    return { name, description: spec.description, problems: [String(e.message || e)], failures: [] };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}
