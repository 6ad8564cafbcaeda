#!/usr/bin/env bash
# Peak throughput of the hot API with authentication on, against the server ./tokyo-ia up runs
# (HTTP Basic, the filesystem realm behind Elytron's caching realm): wrk, closed loop, so these are
# ceilings, not latencies under a schedule (the load issue's open-loop generator measures those).
# Same run, same machine: a static file of the dashboard (no authentication, no application code)
# is the baseline each ratio is against.
#   ./tokyo-ia up --no-history && bench/run-api-auth.sh   [CONNECTIONS=16 DURATION_SECONDS=20]
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS="${CONNECTIONS:-16}" SECONDS_EACH="${DURATION_SECONDS:-20}"
APP="${TOKYOIA_BENCH_URL:-http://127.0.0.1:8080}"
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
[ -s .run/users/admin ] || { echo "no .run/users/admin: ./tokyo-ia up first" >&2; exit 1; }
# The credentials go to wrk in a script file only this user can read, never on its command line.
work="$(mktemp -d)"; chmod 700 "$work"; trap 'rm -rf "$work"' EXIT
authorization="Basic $(printf 'admin:%s' "$(cat .run/users/admin)" | base64 -w0)"
printf 'wrk.headers["Authorization"] = "%s"\nwrk.headers["Accept"] = "application/json"\n' "$authorization" >"$work/auth.lua"
agent=$(curl -sf --netrc-file .run/netrc -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench-auth-$(date +%s%N)\",\"role\":\"bench\",\"model\":\"m\"}" "$APP/api/agents" | sed -E 's/.*"id":"([^"]+)".*/\1/')

run() { # name label url [script]
    local out
    local name="$1"; shift
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency ${3:+-s "$3"} "$2")
    local rps p99 non2xx
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    printf '%-44s %10s req/s   p99 %8s   non-2xx %s\n' "$1" "$rps" "$p99" "${non2xx:-0}"
    echo "$rps" >"$work/$name.rps"
}

echo "wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s on $(nproc) cores, $(date -u +%FT%TZ)"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$work/auth.lua" "$APP/api/agents/$agent" >/dev/null   # warm-up
run static "static file (no authentication)" "$APP/dashboard/dashboard.css"
run read "GET /api/agents/{id} (Basic, cached read)" "$APP/api/agents/$agent" "$work/auth.lua"
run list "GET /api/agents?limit=50 (Basic, list page)" "$APP/api/agents?limit=50" "$work/auth.lua"
for name in read list; do
    awk -v s="$(cat "$work/static.rps")" -v r="$(cat "$work/$name.rps")" -v n="$name" \
        'BEGIN { printf "ratio to the static file: %-6s %.2f\n", n, r / s }'
done
