#!/usr/bin/env bash
# The worst analytics questions inside WildFly with a 256 MB heap (see BENCHMARKS.md): a server of
# its own (./tokyo-ia up, database tokyoia_worst, hot window 0 so every exported day is cold and
# read by the embedded DuckDB), one day of TASKS demo tasks (tools/demo-history.sql: long-tailed
# latencies and costs, a tenth as many workflows) written and exported through the server's own
# ETL, then the server restarted and every agent_tasks question (and metric_stats) over that day
# through HTTP: status, time, the server's heap after the answer and its process RSS. Both servers
# run with HEAP (EXPORT_HEAP sets the first one's apart). Stops a running ./tokyo-ia server first
# and leaves this one running (./tokyo-ia down).
# Starts from an empty database tokyoia_worst and lake .run/lake-worst (KEEP=true keeps them).
#   bench/run-worst-query-server.sh        [TASKS=1000000 HEAP=256m EXPORT_HEAP=$HEAP]
set -euo pipefail
cd "$(dirname "$0")/.."
export TOKYOIA_DB_NAME="${TOKYOIA_DB_NAME:-tokyoia_worst}" TOKYOIA_ANALYTICS_HOT_WINDOW_DAYS=0
# A lake of its own; and no catch-up at start: it would export yesterday before the history is written.
export TOKYOIA_LAKE_LOCAL_ROOT="${TOKYOIA_LAKE_LOCAL_ROOT:-$PWD/.run/lake-worst}" TOKYOIA_ETL_CATCH_UP_ON_START=false
# bench/run-cache-hit.sh may follow on this server: its thousands of questions are past the API's rate limit.
export TOKYOIA_API_RATE_LIMIT_USERS="${TOKYOIA_API_RATE_LIMIT_USERS:-admin=1000000}"
HEAP="${HEAP:-256m}"
sizing() { echo "-Xms64m -Xmx$1 -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m"; }
APP="${TOKYOIA_BENCH_URL:-http://127.0.0.1:8080}"
./tokyo-ia down
if [ "${KEEP:-false}" != true ]; then
    # From nothing: a day already in the lake would be left alone by the history.
    psql -h 127.0.0.1 -U "${TOKYOIA_PG_SUPERUSER:-postgres}" -d postgres -qc "DROP DATABASE IF EXISTS \"$TOKYOIA_DB_NAME\" WITH (FORCE)"
    rm -rf "$TOKYOIA_LAKE_LOCAL_ROOT"
fi
# Until 2026-11-29 the export of a 1M-task day needed the default 512 MB (an OutOfMemoryError in the
# Parquet writer's dictionaries at 256 MB; BENCHMARKS.md, issue 14): EXPORT_HEAP=512m runs it so.
export JBOSS_JAVA_SIZING="$(sizing "${EXPORT_HEAP:-$HEAP}")"
./tokyo-ia up --no-history
started=$SECONDS
./tokyo-ia demo-history --days 1 --tasks-per-day "${TASKS:-1000000}"
echo "day written and exported in $(( SECONDS - started )) s"
./tokyo-ia down
export JBOSS_JAVA_SIZING="$(sizing "$HEAP")"
./tokyo-ia up --no-history
server=$(pgrep -n -f 'jboss-modules.jar')
day=$(date -u -d '-1 day' +%F) today=$(date -u +%F)
heap() { jcmd "$server" GC.heap_info 2>/dev/null | awk '/garbage-first heap|Heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }'; }
echo "server pid $server, heap $JBOSS_JAVA_SIZING; day $day"
printf '%-34s %6s %9s %14s %10s\n' question status seconds "heap used" "RSS MiB"
for q in task_throughput latency_percentiles_by_agent latency_percentiles_by_task_type token_cost_by_agent token_cost_by_workflow \
    metric_stats; do
    result=$(curl -s -o /tmp/worst-$q.json -w '%{http_code} %{time_total}' --netrc-file .run/netrc \
        "$APP/api/analytics/$q?from=$day&to=$today&limit=10")
    printf '%-34s %6s %9s %14s %10s\n' "$q" ${result} "$(heap)" "$(( $(ps -o rss= -p "$server") / 1024 ))"
done
echo "answers (first 10 rows each) in /tmp/worst-*.json; rows in the lake:"
psql -h 127.0.0.1 -U "${TOKYOIA_PG_SUPERUSER:-postgres}" -d "$TOKYOIA_DB_NAME" -Atc \
    "SELECT table_name || ' ' || day || ' v' || version || ': ' || row_count || ' rows, ' || bytes || ' bytes' FROM export_manifest ORDER BY 1"
