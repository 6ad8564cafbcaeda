// An environment's outputs are the application's configuration: one output per environment
// variable, named as the application reads it, all taken from local.application_environment,
// which application_environment prints as KEY=value lines. Every name must be a setting the
// application really has, so a typo cannot hide in the pasted block.
import { find } from "../config.mjs";
import { knownEnvironmentVariables } from "../app-settings.mjs";

export const id = "environments";
export const title = "environment outputs map one to one onto application settings";

const REQUIRED = [
  "TOKYOIA_LAKE_STORE", "TOKYOIA_LAKE_S3_BUCKET", "TOKYOIA_LAKE_S3_PREFIX", "TOKYOIA_LAKE_S3_REGION",
  "TOKYOIA_LAKE_S3_SERVER_SIDE_ENCRYPTION", "TOKYOIA_LAKE_CATALOG", "TOKYOIA_LAKE_GLUE_DATABASE",
  "TOKYOIA_ANALYTICS_ENGINE", "TOKYOIA_ATHENA_WORK_GROUP", "TOKYOIA_ATHENA_DATABASE", "TOKYOIA_ATHENA_OUTPUT_LOCATION",
];
const FIXED = { TOKYOIA_LAKE_STORE: "s3", TOKYOIA_ANALYTICS_ENGINE: "athena", TOKYOIA_LAKE_S3_SERVER_SIDE_ENCRYPTION: "aws:kms" };
// Read by the AWS SDK itself rather than by MicroProfile Config.
const SDK_VARIABLES = new Set(["AWS_REGION"]);

export async function check(tree, ctx) {
  const known = knownEnvironmentVariables(ctx.projectRoot);
  const envs = tree.dirs.filter((d) => d.kind === "env");
  if (envs.length === 0) ctx.fail(".", "no environment under envs/");
  for (const dir of envs) {
    const environment = find.local(dir, "application_environment")?.value;
    if (!environment || typeof environment !== "object" || Array.isArray(environment)) {
      ctx.fail(dir.rel, "needs local.application_environment: an object literal of the application's settings");
      continue;
    }
    const block = find.output(dir, "application_environment");
    if (!block) ctx.fail(dir.rel, "lacks output \"application_environment\" (the KEY=value block)");
    else if (!String(block.body.value).includes("local.application_environment")) ctx.fail(dir.rel, "output \"application_environment\" must be built from local.application_environment");

    const settingOutputs = dir.outputs.filter((o) => /^[A-Z][A-Z0-9_]*$/.test(o.name));
    for (const name of REQUIRED) if (!(name in environment)) ctx.fail(dir.rel, `local.application_environment lacks ${name}`);
    for (const [name, value] of Object.entries(FIXED)) {
      if (name in environment && environment[name] !== value) ctx.fail(dir.rel, `${name} must be "${value}", found "${environment[name]}"`);
    }
    for (const name of Object.keys(environment)) {
      ctx.count("application settings mapped");
      if (!known.has(name) && !SDK_VARIABLES.has(name)) ctx.fail(dir.rel, `${name} is not a setting of the application (no such tokyoia.* key in its code or defaults)`);
      const output = settingOutputs.find((o) => o.name === name);
      if (!output) ctx.fail(dir.rel, `no output "${name}" for local.application_environment["${name}"]`);
      else if (output.body.value !== `\${local.application_environment["${name}"]}`) ctx.fail(dir.rel, `output "${name}" must be local.application_environment["${name}"]`);
    }
    for (const output of settingOutputs) {
      if (!(output.name in environment)) ctx.fail(dir.rel, `output "${output.name}" looks like a setting but is not in local.application_environment`);
    }
  }
}
