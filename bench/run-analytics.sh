#!/usr/bin/env bash
# Analytics benchmark (see BENCHMARKS.md): a lake of 90 days of agent_tasks, a 30-day per-agent
# aggregation on DuckDB directly, through the analytics service, and as a Redis cache hit.
# Needs PostgreSQL (database tokyoia_bench is created) and Redis on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/prepare.sh"
java -Xmx2g -cp "$CP" com.tokyoia.bench.AnalyticsBenchmark "${BENCH_ROWS_PER_DAY:-200000}" "${BENCH_DAYS:-90}" "${BENCH_RUNS:-20}"
