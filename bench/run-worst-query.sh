#!/usr/bin/env bash
# The analytics questions that used to exhaust the heap (see BENCHMARKS.md, "Bounded analytics"):
# one high-entropy day of agent_tasks written to its own lake (a JVM with room for the generator),
# then every agent_tasks question over it through the analytics service in a JVM capped at
# BENCH_QUERY_HEAP (256m): each answers or is refused with 422, none ends in OutOfMemoryError.
# Needs PostgreSQL on 127.0.0.1:5432 (database tokyoia_bench is created); about 2 minutes.
set -euo pipefail
source "$(dirname "$0")/prepare.sh"
rows=${BENCH_ROWS:-1000000}
java -Xmx3g -cp "$CP" com.tokyoia.bench.WorstQueryBenchmark prepare "$rows"
java -Xmx${BENCH_QUERY_HEAP:-256m} -cp "$CP" com.tokyoia.bench.WorstQueryBenchmark query "$rows"
