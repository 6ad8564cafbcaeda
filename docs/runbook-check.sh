#!/usr/bin/env bash
# Runs every ```bash runbook-check block of docs/runbook.md, in order, against a running server, so
# the runbook's commands cannot rot. Only non-destructive procedures are marked for it.
# Environment: TOKYOIA_PORT_OFFSET (the server's), DAY (an exported day with rows), TOKYOIA_DB_NAME
# (the server's database), TOKYOIA_BACKUP_DIR, SCRATCH_DB (a database it may create and drop),
# NETRC (an admin's credentials for curl; default .run/netrc, which ./tokyo-ia up writes).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
: "${DAY:?DAY (YYYY-MM-DD) is required}" "${TOKYOIA_DB_NAME:?}" "${TOKYOIA_BACKUP_DIR:?}" "${SCRATCH_DB:?}"
export NETRC="${NETRC:-$ROOT/.run/netrc}" TOKYOIA_NETRC="${NETRC:-$ROOT/.run/netrc}"
export API="http://127.0.0.1:$((8080 + ${TOKYOIA_PORT_OFFSET:-0}))/api" DAY TOKYOIA_DB_NAME TOKYOIA_BACKUP_DIR SCRATCH_DB
export PGPASSWORD="${TOKYOIA_PG_SUPERUSER_PASSWORD:-postgres}"

drop_scratch() { psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$SCRATCH_DB\" WITH (FORCE)" >/dev/null; }
drop_scratch
trap drop_scratch EXIT

blocks=$(mktemp -d)
awk -v dir="$blocks" '
    /^```bash runbook-check$/ { n++; file = sprintf("%s/%03d.sh", dir, n); inside = 1; next }
    /^```/ && inside { inside = 0; close(file); next }
    inside { print > file }
' docs/runbook.md
count=$(ls "$blocks" | wc -l)
[ "$count" -gt 0 ] || { echo "no runbook-check blocks in docs/runbook.md" >&2; exit 1; }
for block in "$blocks"/*.sh; do
    echo "== runbook block $(basename "$block" .sh) of $count"
    sed 's/^/   $ /' "$block"
    bash -euo pipefail "$block" || { echo "runbook block $(basename "$block" .sh) failed" >&2; exit 1; }
done
echo "== all $count runbook blocks ran"
