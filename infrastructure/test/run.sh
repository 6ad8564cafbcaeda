#!/usr/bin/env bash
# The infrastructure checks, as the Maven build (infrastructure/pom.xml, test phase) runs them:
# the checker over modules/ and envs/, then its self-test over the broken fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1; then
  echo "infrastructure checks need Node.js (18 or newer) and npm on PATH" >&2
  exit 1
fi
if [ ! -d node_modules/@cdktf/hcl2json ]; then
  npm ci --no-audit --no-fund
fi

node test/check-terraform.mjs
node test/check-terraform.mjs --expect-failures test/fixtures/*/
