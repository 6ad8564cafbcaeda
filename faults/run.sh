#!/usr/bin/env bash
# The fault suite (RELIABILITY.md): starts the server as ./tokyo-ia up does, on a database and a lake
# of its own (tokyoia_faults, .run/faults/lake), then breaks its real dependencies under load, one
# at a time, and checks what the clients saw and what was stored:
#   postgresql-restart   PostgreSQL stopped for 8 s and started again under metric ingest
#   redis-killed         Redis killed (SIGKILL) for 15 s under cached agent reads, then started again
# Each fault prints its figures and PASS or FAIL; the script fails when any fault does. It stops
# this machine's PostgreSQL and kills its Redis for a while: run it where nothing else needs them
# meanwhile. Whatever happens, both run again when it ends.
#   faults/run.sh [FAULT...]
set -euo pipefail
cd "$(dirname "$0")/.."
faults=("$@")
[ ${#faults[@]} -gt 0 ] || faults=(postgresql-restart redis-killed)

if ./tokyo-ia status 2>/dev/null | grep -q "running (pid"; then
    echo "./tokyo-ia's server is running: ./tokyo-ia down first (the fault suite starts its own)" >&2
    exit 1
fi
cluster_version=$(ls /etc/postgresql 2>/dev/null | head -1 || true)
PG_CTL="pg_ctlcluster --skip-systemctl-redirect $cluster_version main"
REDIS_PORT="${TOKYOIA_REDIS_PORT:-6379}"
REDIS_START="redis-server --daemonize yes --bind 127.0.0.1 -::1 --port $REDIS_PORT --save \"\" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/tokyo-ia.log"
export TOKYOIA_DB_NAME=tokyoia_faults TOKYOIA_LAKE_LOCAL_ROOT="$PWD/.run/faults/lake" TOKYOIA_ETL_CATCH_UP_ON_START=false

cleanup() {
    # Whatever happened, PostgreSQL runs again and the suite's server stops.
    $PG_CTL start >/dev/null 2>&1 || true
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || eval "$REDIS_START" >/dev/null 2>&1 || true
    ./tokyo-ia down >/dev/null 2>&1 || true
}
trap cleanup EXIT

./tokyo-ia up --no-history
# ./tokyo-ia up packaged the whole reactor, this module with it.
[ -s faults/target/classpath.txt ] || ./mvnw -B -q -DskipTests -pl faults -am package
CP="faults/target/tokyo-ia-faults-0.1.0-SNAPSHOT.jar:$(cat faults/target/classpath.txt)"
APP="http://127.0.0.1:$((8080 + ${TOKYOIA_PORT_OFFSET:-0}))"
JDBC="jdbc:postgresql://${TOKYOIA_PG_HOST:-127.0.0.1}:${TOKYOIA_PG_PORT:-5432}/$TOKYOIA_DB_NAME?user=${TOKYOIA_PG_SUPERUSER:-postgres}"
server_before=$(pgrep -f 'jboss-modules.jar' | head -1)
SERVER_LOG=$(ls -d "$PWD"/.run/server/wildfly-*/standalone/log | head -1)/server.log

failed=()
for fault in "${faults[@]}"; do
    echo "== fault: $fault"
    case "$fault" in
        postgresql-restart)
            [ -n "$cluster_version" ] || { echo "no PostgreSQL cluster under /etc/postgresql for pg_ctlcluster" >&2; failed+=("$fault"); continue; }
            PG_CTL="$PG_CTL" java -Xmx256m -cp "$CP" com.tokyoia.faults.PostgresRestartUnderIngest "$APP" "$JDBC" < .run/users/admin \
                || failed+=("$fault")
            ;;
        redis-killed)
            mkdir -p /var/lib/redis /var/log/redis
            REDIS_KILL="pkill -9 -x redis-server" REDIS_START="$REDIS_START" \
                java -Xmx256m -cp "$CP" com.tokyoia.faults.RedisKilledUnderReads "$APP" "$SERVER_LOG" < .run/users/admin || failed+=("$fault")
            ;;
        *) echo "unknown fault $fault" >&2; failed+=("$fault") ;;
    esac
    # Recovery happens in the same server process: none of the faults may need a restart.
    if [ "$(pgrep -f 'jboss-modules.jar' | head -1)" != "$server_before" ]; then
        echo "FAIL $fault: the server process changed (it was $server_before)"; failed+=("$fault")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "[faults] failed: ${failed[*]}"
    exit 1
fi
echo "[faults] all passed: ${faults[*]}"
