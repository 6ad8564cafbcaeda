#!/usr/bin/env bash
# Export benchmark (see BENCHMARKS.md): 1,000,000 and 5,000,000 agent_tasks rows of one day, each
# in its own JVM so peak heap is comparable. Needs PostgreSQL on 127.0.0.1:5432 (database
# tokyoia_bench is created); about 5 minutes on 2 cores.
set -euo pipefail
source "$(dirname "$0")/prepare.sh"
# Each size gets its own day (generated once, reused by later runs). The heap is capped at 384 MB:
# an export that needed more would fail, so finishing proves the bound.
for rows in ${BENCH_ROWS:-1000000 5000000}; do
    day=$(date -u -d "2024-01-10 + $((rows / 1000000)) days" +%F)
    echo "=== $rows rows, $day ==="
    CLK_TCK="$(getconf CLK_TCK)" java -Xmx${BENCH_HEAP:-384m} -Ds3proxy.jar=bench/target/s3proxy/s3proxy.jar -cp "$CP" com.tokyoia.bench.ExportBenchmark "$rows" "$day"
done
