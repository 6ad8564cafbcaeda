// The Glue tables: columns only from the generated lake_tables.tf.json (whose shape the Java
// generator and its test rely on), and the table settings Athena needs to read the lake's
// Snappy Parquet, partitioned by year/month/day strings.
import fs from "node:fs";
import path from "node:path";
import { find } from "../config.mjs";

export const id = "glue";
export const title = "Glue tables from lake_tables.tf.json, Parquet settings";

const GENERATED = "lake_tables.tf.json";
const HIVE_TYPE = /^(string|int|bigint|double|timestamp|date|decimal\(\d+,\d+\))$/;
const PARAMETERS = {
  classification: "parquet",
  EXTERNAL: "TRUE",
  "parquet.compression": "SNAPPY",
  read_restored_glacier_objects: "true",
};

export async function check(tree, ctx) {
  const dirs = tree.dirs.filter((d) => d.resources.some((r) => r.type === "aws_glue_catalog_table"));
  if (dirs.length === 0) ctx.fail(".", "no module declares aws_glue_catalog_table");
  for (const dir of dirs) {
    if (!dir.files.includes(GENERATED)) ctx.fail(dir.rel, `lacks the generated ${GENERATED}`);
    else checkGenerated(dir, ctx);
    for (const table of dir.resources.filter((r) => r.type === "aws_glue_catalog_table")) checkTable(dir, table, ctx);
    // Partition projection cannot follow the lake's version folders (it would read every version of a day).
    const projected = dir.files.filter((f) => f.endsWith(".tf")).some((f) => ctx.readText(dir, f).includes("projection.enabled"));
    if (find.local(dir, "projection_parameters") || projected) {
      ctx.fail(dir.rel, "partition projection cannot follow version folders (v=NNNN): register partitions instead");
    }
  }
}

function checkGenerated(dir, ctx) {
  let json;
  try {
    json = JSON.parse(fs.readFileSync(path.join(dir.abs, GENERATED), "utf8"));
  } catch (e) {
    ctx.fail(dir.rel, `${GENERATED} is not JSON: ${e.message}`);
    return;
  }
  const shape = (condition, message) => { if (!condition) ctx.fail(dir.rel, `${GENERATED}: ${message}`); return condition; };
  if (!shape(sameKeys(json, ["locals"]) && sameKeys(json.locals, ["lake_tables"]), 'must be exactly {"locals": {"lake_tables": {...}}}')) return;
  for (const [name, table] of Object.entries(json.locals.lake_tables)) {
    ctx.count("lake tables");
    if (!shape(/^[a-z][a-z0-9_]*$/.test(name), `table name "${name}" is not a lower-case identifier`)) continue;
    if (!shape(sameKeys(table, ["day_column", "columns"]), `table ${name} must have exactly day_column and columns`)) continue;
    if (!shape(Array.isArray(table.columns) && table.columns.length > 0, `table ${name}: columns must be a non-empty list`)) continue;
    const seen = new Set();
    for (const column of table.columns) {
      ctx.count("lake columns");
      if (!shape(sameKeys(column, ["name", "type"]), `table ${name}: each column must have exactly name and type`)) continue;
      shape(!seen.has(column.name), `table ${name}: column ${column.name} appears twice`);
      seen.add(column.name);
      shape(HIVE_TYPE.test(column.type), `table ${name}: column ${column.name} has type "${column.type}", not a Hive type of the registry`);
    }
    const day = table.columns.find((c) => c.name === table.day_column);
    shape(day?.type === "timestamp", `table ${name}: day_column "${table.day_column}" must be one of its timestamp columns`);
  }
}

function checkTable(dir, table, ctx) {
  const label = `aws_glue_catalog_table.${table.name}`;
  const body = table.body;
  if (body.for_each !== "${local.lake_tables}") ctx.fail(dir.rel, `${label}: must be created for_each = local.lake_tables (the generated file), not by hand`);
  if (body.table_type !== "EXTERNAL_TABLE") ctx.fail(dir.rel, `${label}: table_type must be EXTERNAL_TABLE`);

  const base = String(body.parameters ?? "").match(/local\.([A-Za-z0-9_]+)/);
  const parameters = base ? find.local(dir, base[1])?.value ?? {} : body.parameters ?? {};
  for (const [key, value] of Object.entries(PARAMETERS)) {
    if (parameters[key] !== value) ctx.fail(dir.rel, `${label}: parameter ${key} must be "${value}"`);
  }

  const partitionKeys = body.partition_keys ?? [];
  const dynamicKeys = body.dynamic?.partition_keys?.[0];
  const keys = dynamicKeys
    ? (Array.isArray(dynamicKeys.for_each) && dynamicKeys.content?.[0]?.type === "string" ? dynamicKeys.for_each : [])
    : partitionKeys.filter((k) => k.type === "string").map((k) => k.name);
  if (JSON.stringify(keys) !== '["year","month","day"]') ctx.fail(dir.rel, `${label}: partition keys must be year, month, day of type string`);

  const storage = body.storage_descriptor?.[0] ?? {};
  if (storage.input_format !== "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat") ctx.fail(dir.rel, `${label}: input_format must be MapredParquetInputFormat`);
  if (storage.output_format !== "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat") ctx.fail(dir.rel, `${label}: output_format must be MapredParquetOutputFormat`);
  if (storage.ser_de_info?.[0]?.serialization_library !== "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe") ctx.fail(dir.rel, `${label}: SerDe must be ParquetHiveSerDe`);
  if (storage.dynamic?.columns?.[0]?.for_each !== "${each.value.columns}") ctx.fail(dir.rel, `${label}: columns must come from each.value.columns (the generated file)`);
  ctx.count("Glue table resources");
}

function sameKeys(value, keys) {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    && JSON.stringify(Object.keys(value).sort()) === JSON.stringify([...keys].sort());
}
