#!/usr/bin/env bash
# Analytics benchmark (see BENCHMARKS.md): a lake of 90 days of agent_tasks, a 30-day per-agent
# aggregation on DuckDB directly, through the analytics service, and as a Redis cache hit.
# Needs PostgreSQL (database tokyoia_bench is created) and Redis on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGPASSWORD="${TOKYOIA_DB_PASSWORD:-postgres}"
psql -h 127.0.0.1 -U "${TOKYOIA_DB_USER:-postgres}" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'tokyoia_bench'" | grep -q 1 \
    || psql -h 127.0.0.1 -U "${TOKYOIA_DB_USER:-postgres}" -d postgres -qc "CREATE DATABASE tokyoia_bench"
./mvnw -B -q -DskipTests -pl bench -am install
CP="bench/target/tokyo-ia-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)"
java -Xmx2g -cp "$CP" com.tokyoia.bench.AnalyticsBenchmark "${BENCH_ROWS_PER_DAY:-200000}" "${BENCH_DAYS:-90}" "${BENCH_RUNS:-20}"
