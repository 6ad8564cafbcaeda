#!/usr/bin/env bash
# The runbook's recovery figures (docs/runbook.md, BENCHMARKS.md): DAYS (30) days of ROWS (1,000,000)
# agent_tasks rows in tokyoia_bench, exported to a local lake; then timed: ./tokyo-ia backup of the
# database, ./tokyo-ia restore of it into a second database, and the re-import of every day from the
# lake after the hot partitions are dropped. Long: about an hour on 2 cores the first time (the data
# and the lake are kept for later runs under bench/target/recovery-lake).
set -euo pipefail
source "$(dirname "$0")/prepare.sh"
DAYS="${DAYS:-30}" ROWS="${ROWS:-1000000}"
LAKE="$PWD/bench/target/recovery-lake"
mkdir -p "$LAKE"
java -Xmx1g -cp "$CP" com.tokyoia.bench.RecoveryBenchmark prepare "$DAYS" "$ROWS" "$LAKE"
psql -h 127.0.0.1 -U postgres -d tokyoia_bench -Atc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('tokyoia_bench'))"
start=$(date +%s.%N)
backup=$(TOKYOIA_BACKUP_DIR="$PWD/bench/target/recovery-backups" ./tokyo-ia backup --db tokyoia_bench --keep 1 | tail -1)
echo "backup: $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }") s, $(du -h "$backup" | cut -f1)"
start=$(date +%s.%N)
./tokyo-ia restore "$backup" --db tokyoia_bench_restored --replace >/dev/null
echo "restore into a new database: $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }") s"
psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE tokyoia_bench_restored"
java -Xmx1g -cp "$CP" com.tokyoia.bench.RecoveryBenchmark reimport "$DAYS" "$ROWS" "$LAKE"
