#!/usr/bin/env bash
# Engine benchmark (see BENCHMARKS.md): the analytics benchmark's 90-day lake of agent_tasks, the
# 30-day per-agent aggregation on PostgreSQL (those 30 days loaded hot), DuckDB and Trino (a local
# tools/local-trino stack over the same files), and Trino's bytes read against the quote.
# Needs PostgreSQL on 127.0.0.1 (database tokyoia_bench is created) and a JDK 25 for Trino.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGPASSWORD="${TOKYOIA_DB_PASSWORD:-postgres}"
psql -h 127.0.0.1 -U "${TOKYOIA_DB_USER:-postgres}" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'tokyoia_bench'" | grep -q 1 \
    || psql -h 127.0.0.1 -U "${TOKYOIA_DB_USER:-postgres}" -d postgres -qc "CREATE DATABASE tokyoia_bench"
./mvnw -B -q -DskipTests -pl bench -am install
STACK="$PWD/bench/target/trino-stack"
TRINO_PORT="${BENCH_TRINO_PORT:-18188}"
S3_PORT="${BENCH_S3_PORT:-18433}"
tools/local-trino start "$STACK" --trino-port "$TRINO_PORT" --s3-port "$S3_PORT" --heap 2G
trap 'tools/local-trino stop "$STACK"' EXIT
CP="bench/target/tokyo-ia-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)"
java -Xmx2g -cp "$CP" com.tokyoia.bench.EngineBenchmark "${BENCH_ROWS_PER_DAY:-200000}" "${BENCH_DAYS:-90}" "${BENCH_RUNS:-10}" \
    "jdbc:trino://127.0.0.1:$TRINO_PORT" "$STACK/s3/data/tokyo-ia-lake"
