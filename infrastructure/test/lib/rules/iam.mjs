// Least privilege, read from the aws_iam_policy_document blocks (every policy must be one, so
// nothing escapes this check): no Allow statement grants a wildcard action, NotAction or
// NotResource, or trusts "*"; Resource "*" appears only in statements a directory lists in
// local.star_resource_exceptions ("<document>/<sid>") and explains in its README.md.
// Deny statements may use "s3:*": a broader deny only takes access away.
import { find } from "../config.mjs";
import { wholeLocal, isExpression } from "../expressions.mjs";

export const id = "iam";
export const title = "IAM least privilege and documented Resource \"*\" exceptions";

// Arguments that hold a policy document as JSON.
const POLICY_ARGUMENTS = ["policy", "assume_role_policy"];
const DOCUMENT_REFERENCE = /^\$\{data\.aws_iam_policy_document\.[A-Za-z0-9_-]+(\[[^\]]+\])?\.json\}$/;

export async function check(tree, ctx) {
  for (const dir of tree.dirs) {
    for (const resource of dir.resources) {
      for (const argument of POLICY_ARGUMENTS) {
        const value = resource.body[argument];
        if (value !== undefined && !(typeof value === "string" && DOCUMENT_REFERENCE.test(value))) {
          ctx.fail(dir.rel, `${resource.type}.${resource.name}: ${argument} must be data.aws_iam_policy_document.<name>.json so its statements can be checked`);
        }
      }
      if (resource.body.inline_policy !== undefined) ctx.fail(dir.rel, `${resource.type}.${resource.name}: inline_policy is not checked here; use aws_iam_role_policy with a policy document`);
    }

    const exceptions = starExceptions(dir, ctx);
    const used = new Set();
    for (const document of dir.data.filter((d) => d.type === "aws_iam_policy_document")) {
      ctx.count("policy documents");
      for (const { statement, dynamic } of statements(document.body)) {
        ctx.count("policy statements");
        checkStatement(dir, document.name, statement, dynamic, exceptions, used, ctx);
      }
    }
    for (const exception of exceptions) {
      if (!used.has(exception)) ctx.fail(dir.rel, `star_resource_exceptions lists "${exception}", but no statement with that document and sid has Resource "*"`);
    }
  }
}

function starExceptions(dir, ctx) {
  const local = find.local(dir, "star_resource_exceptions");
  if (!local) return [];
  if (!Array.isArray(local.value) || local.value.some((e) => typeof e !== "string" || isExpression(e))) {
    ctx.fail(dir.rel, "local.star_resource_exceptions must be a literal list of \"<document>/<sid>\" strings");
    return [];
  }
  const readme = dir.files.includes("README.md") ? ctx.readText(dir, "README.md") : "";
  for (const exception of local.value) {
    const sid = exception.split("/")[1] ?? "";
    if (!readme.includes(sid) || sid === "") ctx.fail(dir.rel, `Resource "*" exception "${exception}" is not explained in README.md (its sid must appear there)`);
  }
  return local.value;
}

function* statements(body) {
  for (const statement of body.statement ?? []) yield { statement, dynamic: false };
  for (const block of body.dynamic?.statement ?? []) for (const statement of block.content ?? []) yield { statement, dynamic: true };
}

function checkStatement(dir, documentName, statement, dynamic, exceptions, used, ctx) {
  const label = `data.aws_iam_policy_document.${documentName} statement "${statement.sid ?? "(no sid)"}"${dynamic ? " (dynamic)" : ""}`;
  const effect = statement.effect ?? "Allow";
  if (effect !== "Allow" && effect !== "Deny") {
    ctx.fail(dir.rel, `${label}: effect must be the literal "Allow" or "Deny"`);
    return;
  }
  ctx.count(effect === "Allow" ? "allow statements" : "deny statements");

  const actions = literalList(dir, statement.actions);
  if (statement.actions !== undefined && actions === null) ctx.fail(dir.rel, `${label}: actions must be a literal list (or a local holding one) so they can be checked`);
  if (effect === "Allow") {
    for (const action of actions ?? []) {
      if (action.includes("*")) ctx.fail(dir.rel, `${label}: Action "${action}" contains "*": list the actions the role needs`);
    }
    if (statement.not_actions !== undefined) ctx.fail(dir.rel, `${label}: an Allow with NotAction grants every other action`);
    if (statement.not_resources !== undefined) ctx.fail(dir.rel, `${label}: an Allow with NotResource grants every other resource`);
    for (const principal of statement.principals ?? []) {
      const identifiers = literalList(dir, principal.identifiers) ?? [];
      if (principal.type === "*" || identifiers.includes("*")) ctx.fail(dir.rel, `${label}: an Allow may not trust the principal "*"`);
    }
  }

  if (hasStarResource(dir, statement.resources)) {
    const key = `${documentName}/${statement.sid ?? ""}`;
    if (exceptions.includes(key)) {
      used.add(key);
      ctx.count("Resource \"*\" exceptions used");
    } else {
      ctx.fail(dir.rel, `${label}: Resource "*" outside the documented exceptions (add "${key}" to local.star_resource_exceptions and explain it in README.md, or name the resources)`);
    }
  }
}

/** The strings of a list attribute, following "${local.x}" once; null when not literal. */
function literalList(dir, value) {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.every((v) => typeof v === "string") ? value : null;
  const local = wholeLocal(value);
  if (local) {
    const found = find.local(dir, local)?.value;
    return Array.isArray(found) && found.every((v) => typeof v === "string" && !isExpression(v)) ? found : null;
  }
  return null;
}

function hasStarResource(dir, resources) {
  if (resources === undefined) return false;
  const items = Array.isArray(resources) ? resources : [resources];
  return items.some((item) => {
    if (item === "*") return true;
    if (typeof item !== "string") return false;
    // An expression: a quoted "*" in it, or a local list it uses holding one, counts as a star.
    if (/"\*"/.test(item)) return true;
    return [...item.matchAll(/local\.([A-Za-z0-9_-]+)/g)].some(([, name]) => {
      const found = find.local(dir, name)?.value;
      return found === "*" || (Array.isArray(found) && found.includes("*"));
    });
  });
}
