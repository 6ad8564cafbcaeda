#!/usr/bin/env bash
# Dashboard users during the nightly export, then a soak (BENCHMARKS.md, issue 16), against the
# server ./tokyo-ia up runs. Not part of CI: about 35 minutes with the defaults.
# Every request is the admin's: the server must start without its analytics rate limit for that user.
#   TOKYOIA_API_RATE_LIMIT_USERS=admin=1000000 ./tokyo-ia up --no-history \
#       && bench/run-soak.sh [USERS=20 EXPORT_ROWS=1000000 SOAK_MINUTES=30 INGEST=5]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/server-client.sh
# The server's JVM (its heap, threads and open files are sampled each minute) and its database.
SERVER_PID="$SERVER_PID" java -Xmx1g -cp "$CP" com.tokyoia.bench.MixedLoadSoak "$APP" \
    "jdbc:postgresql://${TOKYOIA_PG_HOST:-127.0.0.1}:${TOKYOIA_PG_PORT:-5432}/${TOKYOIA_DB_NAME:-tokyoia}?user=${TOKYOIA_PG_SUPERUSER:-postgres}" \
    < .run/users/admin
