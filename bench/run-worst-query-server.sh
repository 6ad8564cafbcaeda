#!/usr/bin/env bash
# The worst analytics questions inside WildFly with a 256 MB heap (see BENCHMARKS.md): a server of
# its own (./tokyo-ia up, database tokyoia_worst, hot window 0 so every exported day is cold and
# read by the embedded DuckDB), one day of TASKS demo tasks (tools/demo-history.sql: long-tailed
# latencies and costs, a tenth as many workflows) written and exported through the server's own
# ETL, then every agent_tasks question over that day through HTTP: status, time, the server's heap
# after the answer and its process RSS. Stops a running ./tokyo-ia server first and leaves this one
# running (./tokyo-ia down).
#   bench/run-worst-query-server.sh        [TASKS=1000000 HEAP=256m]
set -euo pipefail
cd "$(dirname "$0")/.."
export TOKYOIA_DB_NAME="${TOKYOIA_DB_NAME:-tokyoia_worst}" TOKYOIA_ANALYTICS_HOT_WINDOW_DAYS=0
export JBOSS_JAVA_SIZING="-Xms64m -Xmx${HEAP:-256m} -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m"
APP="${TOKYOIA_BENCH_URL:-http://127.0.0.1:8080}"
./tokyo-ia down
./tokyo-ia up --no-history
started=$SECONDS
./tokyo-ia demo-history --days 1 --tasks-per-day "${TASKS:-1000000}"
echo "day written and exported in $(( SECONDS - started )) s"
server=$(pgrep -n -f 'jboss-modules.jar')
day=$(date -u -d '-1 day' +%F) today=$(date -u +%F)
heap() { jcmd "$server" GC.heap_info 2>/dev/null | awk '/garbage-first heap|Heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }'; }
echo "server pid $server, heap $JBOSS_JAVA_SIZING; day $day"
printf '%-34s %6s %9s %14s %10s\n' question status seconds "heap used" "RSS MiB"
for q in task_throughput latency_percentiles_by_agent latency_percentiles_by_task_type token_cost_by_agent token_cost_by_workflow; do
    result=$(curl -s -o /tmp/worst-$q.json -w '%{http_code} %{time_total}' --netrc-file .run/netrc \
        "$APP/api/analytics/$q?from=$day&to=$today&limit=10")
    printf '%-34s %6s %9s %14s %10s\n' "$q" ${result} "$(heap)" "$(( $(ps -o rss= -p "$server") / 1024 ))"
done
echo "answers (first 10 rows each) in /tmp/worst-*.json"
