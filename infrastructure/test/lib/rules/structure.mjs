// Layout of every module and environment: the files a reader (and terraform-aws-modules users)
// expect, a versions.tf pinning Terraform and the AWS provider, blocks in their usual files.
export const id = "structure";
export const title = "files, versions.tf, block placement";

const MODULE_FILES = ["versions.tf", "variables.tf", "outputs.tf", "main.tf", "README.md"];
const ENV_FILES = ["versions.tf", "providers.tf", "variables.tf", "main.tf", "outputs.tf"];

export async function check(tree, ctx) {
  if (!tree.dirs.some((d) => d.kind === "module")) ctx.fail(".", "no module directory under modules/");
  for (const dir of tree.dirs) {
    ctx.count(dir.kind === "env" ? "environments" : "modules");
    for (const error of dir.parseErrors) ctx.fail(dir.rel, `does not parse: ${error}`);
    for (const file of dir.kind === "env" ? ENV_FILES : MODULE_FILES) {
      if (!dir.files.includes(file)) ctx.fail(dir.rel, `lacks ${file}`);
    }
    ctx.count("files parsed", dir.files.filter((f) => f.endsWith(".tf") || f.endsWith(".tf.json")).length);
    if (dir.files.includes("versions.tf")) checkVersions(dir, ctx);
    for (const v of dir.variables) if (v.file !== "variables.tf") ctx.fail(dir.rel, `variable "${v.name}" is in ${v.file}, not variables.tf`);
    for (const o of dir.outputs) if (o.file !== "outputs.tf") ctx.fail(dir.rel, `output "${o.name}" is in ${o.file}, not outputs.tf`);
    if (dir.kind === "module" && dir.providers.length > 0) {
      ctx.fail(dir.rel, "configures a provider: modules receive providers from their caller");
    }
    if (dir.kind === "module" && dir.files.includes("README.md")) {
      const readme = ctx.readText(dir, "README.md");
      if (!/```hcl[\s\S]*module\s+"/.test(readme)) ctx.fail(dir.rel, "README.md has no ```hcl example calling the module");
    }
  }
}

function checkVersions(dir, ctx) {
  const block = dir.terraform.find((t) => t.file === "versions.tf")?.body;
  if (!block) {
    ctx.fail(dir.rel, "versions.tf has no terraform block");
    return;
  }
  const required = String(block.required_version ?? "");
  if (!/^>=\s*1\.(5|[6-9]|\d\d)/.test(required)) ctx.fail(dir.rel, `versions.tf: required_version must be ">= 1.5" or newer, found "${required}"`);
  const aws = (block.required_providers ?? []).map((p) => p.aws).find(Boolean);
  if (!aws) {
    ctx.fail(dir.rel, "versions.tf: required_providers has no aws entry");
    return;
  }
  if (aws.source !== "hashicorp/aws") ctx.fail(dir.rel, `versions.tf: aws source must be hashicorp/aws, found "${aws.source}"`);
  if (!/^~>\s*5\.\d+$/.test(String(aws.version ?? ""))) ctx.fail(dir.rel, `versions.tf: aws version must be "~> 5.x", found "${aws.version}"`);
}
