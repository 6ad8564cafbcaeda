// Every input and output says what it is: a variable without a type accepts anything and one
// without a description leaves the caller guessing.
export const id = "variables";
export const title = "variables typed and described, outputs described";

export async function check(tree, ctx) {
  for (const dir of tree.dirs) {
    for (const { name, body } of dir.variables) {
      ctx.count("variables");
      if (body.type === undefined) ctx.fail(dir.rel, `variable "${name}" has no type`);
      if (typeof body.description !== "string" || body.description.trim() === "") ctx.fail(dir.rel, `variable "${name}" has no description`);
      for (const validation of body.validation ?? []) {
        ctx.count("validations");
        if (validation.condition === undefined || !validation.error_message) ctx.fail(dir.rel, `variable "${name}": a validation lacks condition or error_message`);
      }
    }
    for (const { name, body } of dir.outputs) {
      ctx.count("outputs");
      if (typeof body.description !== "string" || body.description.trim() === "") ctx.fail(dir.rel, `output "${name}" has no description`);
    }
  }
}
