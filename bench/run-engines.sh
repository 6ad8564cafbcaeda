#!/usr/bin/env bash
# Engine benchmark (see BENCHMARKS.md): the analytics benchmark's 90-day lake of agent_tasks, the
# 30-day per-agent aggregation on PostgreSQL (those 30 days loaded hot), DuckDB and Trino (a local
# tools/local-trino stack over the same files), and Trino's bytes read against the quote.
# Needs PostgreSQL on 127.0.0.1 (database tokyoia_bench is created) and a JDK 25 for Trino.
set -euo pipefail
source "$(dirname "$0")/prepare.sh"
STACK="$PWD/bench/target/trino-stack"
TRINO_PORT="${BENCH_TRINO_PORT:-18188}"
S3_PORT="${BENCH_S3_PORT:-18433}"
tools/local-trino start "$STACK" --trino-port "$TRINO_PORT" --s3-port "$S3_PORT" --heap 2G
trap 'tools/local-trino stop "$STACK"' EXIT
java -Xmx2g -cp "$CP" com.tokyoia.bench.EngineBenchmark "${BENCH_ROWS_PER_DAY:-200000}" "${BENCH_DAYS:-90}" "${BENCH_RUNS:-10}" \
    "jdbc:trino://127.0.0.1:$TRINO_PORT" "$STACK/s3/data/tokyo-ia-lake"
