#!/usr/bin/env bash
# Analytics cache hits through HTTP (see BENCHMARKS.md), against the server ./tokyo-ia up runs with
# its demo history: one question over cold days asked once, then REQUESTS times as cache hits on one
# connection; also the server's garbage collections during the run (jstat). The server must let
# admin past the API's rate limit (60 questions a minute): start it with
# TOKYOIA_API_RATE_LIMIT_USERS=admin=1000000 (bench/run-worst-query-server.sh does).
#   TOKYOIA_API_RATE_LIMIT_USERS=admin=1000000 ./tokyo-ia up && bench/run-cache-hit.sh
#       [QUERY=token_cost_by_workflow DAYS=3 REQUESTS=2000, or FROM= TO=]
set -euo pipefail
cd "$(dirname "$0")/.."
QUERY="${QUERY:-token_cost_by_workflow}" REQUESTS="${REQUESTS:-2000}" DAYS="${DAYS:-3}"
# Cold days of the demo history: it reaches 120 days back, the last 30 are hot.
FROM="${FROM:-$(date -u -d "-100 days" +%F)}"
TO="${TO:-$(date -u -d "$FROM + $DAYS days" +%F)}"
. bench/server-client.sh
echo "server before: $(gc)"
java -Xmx256m -cp "$CP" com.tokyoia.bench.CacheHitHttpBenchmark "$APP" "$QUERY" "$FROM" "$TO" "$REQUESTS" < .run/users/admin
echo "server after:  $(gc)"
