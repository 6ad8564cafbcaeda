// terraform fmt -check and terraform validate, when a terraform binary is on PATH. validate needs
// the AWS provider, which terraform init downloads from the Terraform registry: where that
// registry cannot be reached (as on the project's machines) validate is reported as skipped.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

const ENV = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
const UNREACHABLE = /registry\.terraform\.io|Failed to query available provider packages|could not connect|no such host|i\/o timeout|Failed to install provider/i;

function terraform(args, cwd, timeoutSeconds = 120) {
  const run = spawnSync("terraform", args, { cwd, env: ENV, encoding: "utf8", timeout: timeoutSeconds * 1000 });
  return { ok: run.status === 0, output: `${run.stdout ?? ""}${run.stderr ?? ""}`.trim(), error: run.error };
}

export function terraformVersion() {
  const run = spawnSync("terraform", ["version"], { env: ENV, encoding: "utf8" });
  if (run.error || run.status !== 0) return null;
  return run.stdout.split("\n")[0].trim();
}

/** [{ id, title, status: "passed" | "failed" | "skipped", details: [] }] */
export function runTerraformChecks(root) {
  const version = terraformVersion();
  if (!version) {
    const why = "no terraform binary on PATH";
    return [
      { id: "terraform-fmt", title: "terraform fmt -check", status: "skipped", details: [why] },
      { id: "terraform-validate", title: "terraform validate", status: "skipped", details: [why] },
    ];
  }
  return [fmt(root, version), validate(root)];
}

function fmt(root, version) {
  const details = [];
  for (const dir of ["modules", "envs"]) {
    if (!fs.existsSync(path.join(root, dir))) continue;
    const run = terraform(["fmt", "-check", "-recursive", "-diff", "-no-color", dir], root);
    if (!run.ok) details.push(`${dir}: not formatted as terraform fmt writes it (run terraform fmt -recursive ${dir}):\n${onlyDiff(run.output)}`);
  }
  return { id: "terraform-fmt", title: `terraform fmt -check (${version})`, status: details.length ? "failed" : "passed", details };
}

function validate(root) {
  const title = "terraform validate";
  const envs = fs.existsSync(path.join(root, "envs")) ? fs.readdirSync(path.join(root, "envs")).sort() : [];
  // A copy, so init leaves no .terraform directory or lock file in the work tree.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "tokyoia-tf-validate-"));
  try {
    for (const dir of ["modules", "envs"]) fs.cpSync(path.join(root, dir), path.join(copy, dir), { recursive: true });
    const details = [];
    for (const env of envs) {
      const cwd = path.join(copy, "envs", env);
      const init = terraform(["init", "-backend=false", "-input=false", "-no-color"], cwd, 600);
      if (!init.ok) {
        if (UNREACHABLE.test(init.output) || init.error) {
          return { id: "terraform-validate", title, status: "skipped", details: ["terraform init could not fetch the hashicorp/aws provider (no access to the Terraform registry here); the parse-based checks cover names and references instead"] };
        }
        details.push(`envs/${env}: terraform init failed:\n${init.output}`);
        continue;
      }
      const run = terraform(["validate", "-no-color"], cwd);
      if (!run.ok) details.push(`envs/${env}: ${run.output}`);
    }
    return { id: "terraform-validate", title, status: details.length ? "failed" : "passed", details };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

function onlyDiff(output) {
  // The CLI's complaint about a missing ~/.terraformrc is not about the code.
  return output.split("\n").filter((line) => !/CLI configuration|terraformrc|^[│╷╵]\s*$|Warning: Unable to open/.test(line)).join("\n");
}
