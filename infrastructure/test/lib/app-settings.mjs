// What the application says about itself: the MicroProfile Config defaults of its modules and
// every "tokyoia.*" key its Java code reads. The Terraform defaults are checked against these,
// so a changed default in the application fails this check instead of drifting silently.
import fs from "node:fs";
import path from "node:path";

export const PROPERTIES = {
  lake: "lake/src/main/resources/META-INF/microprofile-config.properties",
  analytics: "ejb-analytics/src/main/resources/META-INF/microprofile-config.properties",
};

const COST_QUOTE = "ejb-analytics/src/main/java/com/tokyoia/analytics/application/CostQuote.java";

export function readProperties(projectRoot, relative) {
  const file = path.join(projectRoot, relative);
  if (!fs.existsSync(file)) throw new Error(`${relative} not found under ${projectRoot}`);
  const values = new Map();
  for (const raw of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const match = line.match(/^([^=:\s]+)\s*[=:]\s*(.*)$/);
    if (match) values.set(match[1], match[2].trim());
  }
  return values;
}

/** Every configuration key the application knows, as environment variable names. */
export function knownEnvironmentVariables(projectRoot) {
  const keys = new Set();
  for (const module of fs.readdirSync(projectRoot)) {
    if (module.startsWith(".") || module === "infrastructure") continue;
    const main = path.join(projectRoot, module, "src", "main");
    if (!fs.existsSync(main)) continue;
    const properties = path.join(main, "resources", "META-INF", "microprofile-config.properties");
    if (fs.existsSync(properties)) for (const key of readProperties(projectRoot, path.relative(projectRoot, properties)).keys()) keys.add(key);
    for (const file of javaFiles(path.join(main, "java"))) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(/"(tokyoia\.[a-z0-9.-]+[a-z0-9])"/g)) keys.add(match[1]);
    }
  }
  return new Set([...keys].map(toEnvironmentName));
}

/** MicroProfile Config's mapping: upper case, every non-alphanumeric character as "_". */
export function toEnvironmentName(key) {
  return key.replace(/[^A-Za-z0-9]/g, "_").toUpperCase();
}

/** Athena's price per TB as CostQuote prices scans, or null when it cannot be found. */
export function costQuotePricePerTb(projectRoot) {
  const file = path.join(projectRoot, COST_QUOTE);
  if (!fs.existsSync(file)) return null;
  const match = fs.readFileSync(file, "utf8").match(/new BigDecimal\("([0-9.]+)"\)\s*\.divide\(\s*new BigDecimal\("1099511627776"\)/);
  return match ? match[1] : null;
}

function* javaFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* javaFiles(full);
    else if (entry.name.endsWith(".java")) yield full;
  }
}
