#!/usr/bin/env bash
# The hot API under an open-loop load (see BENCHMARKS.md, issue 16), against the server ./tokyo-ia up
# runs: per kind of request, rates step up until the p99 crosses 50 ms; also the server's garbage
# collections during the run (jstat).
#   ./tokyo-ia up --no-history && bench/run-hot-load.sh [SCENARIOS=agent-read,... STEP_SECONDS=10 POINTS=100 RATES=25,50]
# (RATES replaces every chosen scenario's steps, e.g. SCENARIOS=metric-ingest POINTS=1000 RATES=20 STEP_SECONDS=300
# for 20,000 points/s sustained for 5 minutes.)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/server-client.sh
echo "server before: $(gc)"
SERVER_PID="$SERVER_PID" CLK_TCK="$(getconf CLK_TCK)" java -Xmx512m -cp "$CP" com.tokyoia.bench.HotApiLoadBenchmark "$APP" < .run/users/admin
echo "server after:  $(gc)"
