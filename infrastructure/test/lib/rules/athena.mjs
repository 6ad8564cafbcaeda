// The application's workgroup cancels a query at the scan the application would refuse to
// quote: cutoff = floor(max_query_usd * 2^40 / price_per_tb_usd), with max_query_usd equal to
// tokyoia.analytics.max-query-usd and the price equal to CostQuote's. Environments may lower the
// limits, never raise them above the application's.
import { find } from "../config.mjs";
import { PROPERTIES, readProperties, costQuotePricePerTb } from "../app-settings.mjs";

export const id = "athena";
export const title = "workgroup cutoff formula inputs equal tokyoia.analytics.max-query-usd";

const BYTES_PER_TB = 1099511627776n;
const FORMULA = "${floor(var.max_query_usd*local.bytes_per_tb/var.price_per_tb_usd)}";
const ADMIN_FORMULA = "${floor(var.admin_max_query_usd*local.bytes_per_tb/var.price_per_tb_usd)}";

export async function check(tree, ctx) {
  const properties = readProperties(ctx.projectRoot, PROPERTIES.analytics);
  const maxQueryUsd = properties.get("tokyoia.analytics.max-query-usd");
  const dailyBudgetUsd = properties.get("tokyoia.analytics.daily-budget-usd");
  if (maxQueryUsd === undefined) {
    ctx.fail(".", `${PROPERTIES.analytics} has no tokyoia.analytics.max-query-usd`);
    return;
  }
  const price = costQuotePricePerTb(ctx.projectRoot);
  if (price === null) ctx.note("CostQuote's price per TB was not found in the Java sources; price_per_tb_usd compared with Athena's $5 instead");

  const modules = tree.dirs.filter((d) => d.resources.some((r) => r.type === "aws_athena_workgroup"));
  if (modules.length === 0) ctx.fail(".", "no module declares an aws_athena_workgroup");
  for (const dir of modules) {
    const maxQuery = find.variable(dir, "max_query_usd")?.body.default;
    const pricePerTb = find.variable(dir, "price_per_tb_usd")?.body.default;
    const admin = find.variable(dir, "admin_max_query_usd")?.body.default;
    if (Number(maxQuery) !== Number(maxQueryUsd)) ctx.fail(dir.rel, `variable "max_query_usd" defaults to ${maxQuery}, but tokyoia.analytics.max-query-usd=${maxQueryUsd}`);
    if (Number(pricePerTb) !== Number(price ?? 5)) ctx.fail(dir.rel, `variable "price_per_tb_usd" defaults to ${pricePerTb}, but the application prices scans at $${price ?? 5}/TB`);
    if (!(Number(admin) >= Number(maxQuery)) || (dailyBudgetUsd !== undefined && Number(admin) > Number(dailyBudgetUsd))) {
      ctx.fail(dir.rel, `variable "admin_max_query_usd" (${admin}) must lie between max_query_usd and tokyoia.analytics.daily-budget-usd (${dailyBudgetUsd})`);
    }
    if (find.local(dir, "bytes_per_tb")?.value !== Number(BYTES_PER_TB)) ctx.fail(dir.rel, "local.bytes_per_tb must be 1099511627776 (2^40, the TB of the application's CostQuote)");
    if (compact(find.local(dir, "bytes_scanned_cutoff_per_query")?.value) !== FORMULA) ctx.fail(dir.rel, `local.bytes_scanned_cutoff_per_query must be ${FORMULA}`);
    if (compact(find.local(dir, "admin_bytes_scanned_cutoff_per_query")?.value) !== ADMIN_FORMULA) ctx.fail(dir.rel, `local.admin_bytes_scanned_cutoff_per_query must be ${ADMIN_FORMULA}`);
    checkWorkgroups(dir, ctx);
    if (!/local\.bytes_scanned_cutoff_per_query/.test(String(find.output(dir, "bytes_scanned_cutoff_per_query")?.body.value))) {
      ctx.fail(dir.rel, "output \"bytes_scanned_cutoff_per_query\" must give local.bytes_scanned_cutoff_per_query");
    }
    const cutoff = cutoffBytes(String(maxQuery), String(pricePerTb));
    if (cutoff !== null) ctx.note(`${dir.rel}: bytes_scanned_cutoff_per_query = ${cutoff} bytes ($${Number(maxQuery).toFixed(2)} at $${pricePerTb}/TB of 2^40 bytes)`);
  }

  for (const dir of tree.dirs.filter((d) => d.kind === "env")) {
    const limit = find.variable(dir, "max_query_usd")?.body.default;
    const admin = find.variable(dir, "admin_max_query_usd")?.body.default;
    if (limit !== undefined && Number(limit) > Number(maxQueryUsd)) ctx.fail(dir.rel, `max_query_usd defaults to ${limit}, above the application's ${maxQueryUsd}`);
    if (admin !== undefined && dailyBudgetUsd !== undefined && Number(admin) > Number(dailyBudgetUsd)) ctx.fail(dir.rel, `admin_max_query_usd defaults to ${admin}, above the daily budget ${dailyBudgetUsd}`);
    if (limit !== undefined) ctx.count("environment limits compared");
  }
}

/** Every workgroup enforces its configuration on engine v3, with KMS-encrypted results. */
function checkWorkgroups(dir, ctx) {
  let appCutoff = false;
  for (const workgroup of dir.resources.filter((r) => r.type === "aws_athena_workgroup")) {
    ctx.count("workgroup resources");
    const label = `aws_athena_workgroup.${workgroup.name}`;
    const configuration = workgroup.body.configuration?.[0] ?? {};
    if (configuration.enforce_workgroup_configuration !== true) ctx.fail(dir.rel, `${label}: enforce_workgroup_configuration must be true`);
    if (configuration.publish_cloudwatch_metrics_enabled !== true) ctx.fail(dir.rel, `${label}: publish_cloudwatch_metrics_enabled must be true`);
    if (configuration.engine_version?.[0]?.selected_engine_version !== "Athena engine version 3") ctx.fail(dir.rel, `${label}: engine must be "Athena engine version 3"`);
    const encryption = configuration.result_configuration?.[0]?.encryption_configuration?.[0];
    if (encryption?.encryption_option !== "SSE_KMS") ctx.fail(dir.rel, `${label}: results must be encrypted with SSE_KMS`);
    const cutoff = String(configuration.bytes_scanned_cutoff_per_query ?? "");
    if (cutoff.includes("local.bytes_scanned_cutoff_per_query")) appCutoff = true;
    if (cutoff === "${each.value.cutoff}") {
      const entries = find.local(dir, String(workgroup.body.for_each).replace(/^\$\{local\.|\}$/g, ""))?.value ?? {};
      if (entries["${(var.name)}"]?.cutoff === "${local.bytes_scanned_cutoff_per_query}") appCutoff = true;
    }
  }
  if (!appCutoff) ctx.fail(dir.rel, "no workgroup (the one named var.name) takes its bytes_scanned_cutoff_per_query from local.bytes_scanned_cutoff_per_query");
}

function compact(value) {
  return typeof value === "string" ? value.replace(/\s+/g, "") : value;
}

/** floor(usd * 2^40 / price) in exact integer arithmetic. */
export function cutoffBytes(usd, price) {
  const rational = (text) => {
    const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) return null;
    const decimals = match[2] ?? "";
    return [BigInt(match[1] + decimals), 10n ** BigInt(decimals.length)];
  };
  const [un, ud] = rational(usd) ?? [];
  const [pn, pd] = rational(price) ?? [];
  if (un === undefined || pn === undefined) return null;
  return (un * BYTES_PER_TB * pd) / (ud * pn);
}
