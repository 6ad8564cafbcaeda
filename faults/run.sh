#!/usr/bin/env bash
# The fault suite (RELIABILITY.md): starts the server as ./tokyo-ia up does, on a database and a lake
# of its own (tokyoia_faults, .run/faults/lake), then breaks its real dependencies under load, one
# at a time, and checks what the clients saw and what was stored:
#   postgresql-restart   PostgreSQL stopped for 8 s and started again under metric ingest
#   postgresql-restart-export  the same during a day's export: the day ends exported once, proven
#   redis-killed         Redis killed (SIGKILL) for 15 s under cached agent reads, then started again
#   disk-full            a day exported while the ETL's work directory (a 1 MiB tmpfs) is full, then with room
#   lake-disk-full       a day exported while the lake's disk is full where the day goes (a 64 KiB tmpfs on its folder), then with room
#   server-killed        the server SIGKILLed under metric ingest and started again at once; every batch retried with its key
#   two-nodes            a second WildFly on the same database, Redis and lake; both asked to export one day at once;
#                        the first node SIGKILLed mid-export and the second finishing its work (runs last: it kills
#                        the first node, which the other faults need)
#   simulated-week       not in the default run (about 25 minutes): seven nights on two nodes, both started each night on a
#                        clock (libfaketime) a few minutes before 02:00 UTC; the nightly timer exports each day once, and
#                        on the fourth night the node holding the export is SIGKILLed and the other finishes it
# Each fault prints its figures and PASS or FAIL; the script fails when any fault does. It stops
# this machine's PostgreSQL and kills its Redis for a while: run it where nothing else needs them
# meanwhile. Whatever happens, both run again when it ends.
#   faults/run.sh [FAULT...]
set -euo pipefail
cd "$(dirname "$0")/.."
faults=("$@")
[ ${#faults[@]} -gt 0 ] || faults=(postgresql-restart redis-killed disk-full lake-disk-full postgresql-restart-export server-killed
    two-nodes)

status=$(./tokyo-ia status 2>/dev/null || true)
if [[ "$status" == *"running (pid"* ]]; then
    echo "./tokyo-ia's server is running: ./tokyo-ia down first (the fault suite starts its own)" >&2
    exit 1
fi
# The cluster ./tokyo-ia starts (the newest installed).
cluster_version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1 || true)
PG_CTL="pg_ctlcluster --skip-systemctl-redirect $cluster_version main"
REDIS_PORT="${TOKYOIA_REDIS_PORT:-6379}"
REDIS_START="redis-server --daemonize yes --bind 127.0.0.1 -::1 --port $REDIS_PORT --save \"\" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/tokyo-ia.log"
WORK_DIR="$PWD/.run/faults/work"
export TOKYOIA_DB_NAME=tokyoia_faults TOKYOIA_LAKE_LOCAL_ROOT="$PWD/.run/faults/lake" TOKYOIA_ETL_CATCH_UP_ON_START=false
# A dead node's job is taken over once its lease expires: 15 s instead of 2 minutes keeps two-nodes short.
export TOKYOIA_ETL_EXECUTION_LEASE_SECONDS=15
NODE2_BASE="$PWD/.run/faults/node2"
# A fresh database and lake every run: the faults pick their days and rows, and must not find an earlier run's.
psql -h "${TOKYOIA_PG_HOST:-127.0.0.1}" -p "${TOKYOIA_PG_PORT:-5432}" -U "${TOKYOIA_PG_SUPERUSER:-postgres}" -d postgres -qc \
    "DROP DATABASE IF EXISTS $TOKYOIA_DB_NAME" >/dev/null 2>&1 || true
# The full disks lake-disk-full mounts inside the lake, should an earlier run have been killed before it unmounted them.
unmount_lake_disks() {
    awk -v root="$TOKYOIA_LAKE_LOCAL_ROOT/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount || true
}
unmount_lake_disks
rm -rf "$TOKYOIA_LAKE_LOCAL_ROOT"
# The ETL's work directory on a tmpfs of 1 MiB (disk-full gives it room when it is done with it).
export TOKYOIA_ETL_WORK_DIR="$WORK_DIR"
mkdir -p "$WORK_DIR"
mountpoint -q "$WORK_DIR" && umount "$WORK_DIR"
work_on_tmpfs=false
mount -t tmpfs -o size=1m tokyo-ia-faults "$WORK_DIR" && work_on_tmpfs=true

cleanup() {
    # Whatever happened, PostgreSQL runs again and the suite's servers stop.
    [ -s "$NODE2_BASE/pid" ] && pkill -9 -f -- "-Djboss.server.base.dir=$NODE2_BASE" >/dev/null 2>&1 || true
    # The simulated week's first node, started on its clock outside ./tokyo-ia's knowledge.
    [ -n "${NODE1_HOME:-}" ] && pkill -9 -f -- "-Djboss.server.base.dir=$NODE1_HOME/standalone( |$)" >/dev/null 2>&1 || true
    $PG_CTL start >/dev/null 2>&1 || true
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || eval "$REDIS_START" >/dev/null 2>&1 || true
    ./tokyo-ia down >/dev/null 2>&1 || true
    mountpoint -q "$WORK_DIR" && umount "$WORK_DIR" || true
    unmount_lake_disks
}
trap cleanup EXIT

./tokyo-ia up --no-history
# ./tokyo-ia up packaged the whole reactor, this module with it.
[ -s faults/target/classpath.txt ] || ./mvnw -B -q -DskipTests -pl faults -am package
CP="faults/target/tokyo-ia-faults-0.1.0-SNAPSHOT.jar:$(cat faults/target/classpath.txt)"
APP="http://127.0.0.1:$((8080 + ${TOKYOIA_PORT_OFFSET:-0}))"
# JBeret's job repository is in the application role's own schema.
JDBC="jdbc:postgresql://${TOKYOIA_PG_HOST:-127.0.0.1}:${TOKYOIA_PG_PORT:-5432}/$TOKYOIA_DB_NAME?user=${TOKYOIA_PG_SUPERUSER:-postgres}"
JDBC="$JDBC&currentSchema=public,${TOKYOIA_DB_USER:-tokyoia_app}"
server_pid() { cat .run/wildfly.pid 2>/dev/null || true; }
server_before=$(server_pid)
# The server ./tokyo-ia up just prepared (the newest, should an older WildFly's folder be left beside it).
SERVER_LOG="$(ls -dt "$PWD"/.run/server/wildfly-*/ | head -1)standalone/log/server.log"

# The first node started again after server-killed, exactly as ./tokyo-ia up started it: the same command line
# and environment, read from /proc before the kill (no build this time); its pid goes where ./tokyo-ia keeps it.
FIRST_NODE_SAVED="$PWD/.run/faults/node1"
save_first_node() {
    mkdir -p "$FIRST_NODE_SAVED" && chmod 700 "$FIRST_NODE_SAVED"
    cp "/proc/$(server_pid)/cmdline" "$FIRST_NODE_SAVED/cmdline"
    cp "/proc/$(server_pid)/environ" "$FIRST_NODE_SAVED/environ"
}
start_first_node() {
    local cmd vars
    readarray -d '' cmd <"$FIRST_NODE_SAVED/cmdline"
    readarray -d '' vars <"$FIRST_NODE_SAVED/environ"
    # Extra VAR=value arguments go into its environment (the simulated week's clock).
    nohup env -i "${vars[@]}" "$@" "${cmd[@]}" >>"$PWD/.run/logs/console.log" 2>&1 &
    echo $! >"$PWD/.run/wildfly.pid"
    disown
}
export -f start_first_node
export FIRST_NODE_SAVED

# A second node of the same installation: the first node's configuration (datasources, credential
# store, users), its own base directory, work directory and node name, ports 100 up; the same
# database, Redis and lake (the environment above). Extra VAR=value arguments go into its environment.
start_second_node() {
    local home="${SERVER_LOG%/standalone/log/server.log}"
    rm -rf "$NODE2_BASE"
    mkdir -p "$NODE2_BASE/configuration" "$NODE2_BASE/deployments" "$NODE2_BASE/data" "$NODE2_BASE/work"
    find "$home/standalone/configuration" -maxdepth 1 -type f -exec cp -p {} "$NODE2_BASE/configuration/" \;
    cp -rp "$home/standalone/data/tokyoia-users" "$NODE2_BASE/data/"
    cp "$home/standalone/deployments/tokyo-ia.ear" "$NODE2_BASE/deployments/"
    nohup env "$@" TOKYOIA_ETL_WORK_DIR="$NODE2_BASE/work" \
        TOKYOIA_DB_URL="jdbc:postgresql://${TOKYOIA_PG_HOST:-127.0.0.1}:${TOKYOIA_PG_PORT:-5432}/$TOKYOIA_DB_NAME" \
        "$home/bin/standalone.sh" -c standalone.xml \
        -Djboss.server.base.dir="$NODE2_BASE" -Djboss.node.name=tokyo-ia-node-2 \
        -Djboss.socket.binding.port-offset=$(( ${TOKYOIA_PORT_OFFSET:-0} + 100 )) >"$NODE2_BASE/console.log" 2>&1 &
    echo $! >"$NODE2_BASE/pid"
    disown  # killed at the end on purpose: no job-control notice
}

# The simulated week's nights: both nodes started on the machine's clock moved by $1 seconds, and stopped.
start_nodes() {
    local clock=(LD_PRELOAD="$FAKETIME_LIB" FAKETIME="$(printf '%+d' "$1")")
    start_first_node "${clock[@]}"
    start_second_node "${clock[@]}"
}
stop_nodes() {
    local both="-Djboss.server.base.dir=($NODE1_HOME/standalone|$NODE2_BASE)( |$)" waited=0
    pkill -TERM -f -- "$both" || true
    while pgrep -f -- "$both" >/dev/null && [ $waited -lt 60 ]; do sleep 1; waited=$((waited + 1)); done
    pkill -9 -f -- "$both" || true
}

failed=()
for fault in "${faults[@]}"; do
    echo "== fault: $fault"
    case "$fault" in
        postgresql-restart)
            [ -n "$cluster_version" ] || { echo "no PostgreSQL cluster under /etc/postgresql for pg_ctlcluster" >&2; failed+=("$fault"); continue; }
            PG_CTL="$PG_CTL" java -Xmx256m -cp "$CP" com.tokyoia.faults.PostgresRestartUnderIngest "$APP" "$JDBC" < .run/users/admin \
                || failed+=("$fault")
            ;;
        lake-disk-full)
            # Room in the work directory (disk-full, when it ran, has already given it): the export must reach the lake.
            [ "$work_on_tmpfs" = true ] && mount -o remount,size=512m "$WORK_DIR"
            FAULT_FILL_LAKE="mount -t tmpfs -o size=64k tokyo-ia-lake-full" FAULT_EMPTY_LAKE="umount" \
                java -Xmx256m -cp "$CP" com.tokyoia.faults.LakeDiskFullDuringExport "$APP" "$JDBC" "$TOKYOIA_LAKE_LOCAL_ROOT" \
                < .run/users/admin || failed+=("$fault")
            ;;
        postgresql-restart-export)
            [ -n "$cluster_version" ] || { echo "no PostgreSQL cluster under /etc/postgresql for pg_ctlcluster" >&2; failed+=("$fault"); continue; }
            # Room for the export (disk-full, when it ran, has already given it).
            [ "$work_on_tmpfs" = true ] && mount -o remount,size=512m "$WORK_DIR"
            PG_CTL="$PG_CTL" java -Xmx256m -cp "$CP" com.tokyoia.faults.PostgresRestartDuringExport "$APP" "$JDBC" \
                "$TOKYOIA_LAKE_LOCAL_ROOT" < .run/users/admin || failed+=("$fault")
            ;;
        redis-killed)
            mkdir -p /var/lib/redis /var/log/redis
            # The Redis on the server's port, not every Redis of the machine; started again on that port as ./tokyo-ia would.
            REDIS_KILL="kill -9 \$(redis-cli -p $REDIS_PORT info server | tr -d '\\r' | sed -n 's/^process_id://p')" \
                REDIS_START="$REDIS_START" FAULT_HITS_WITHIN=$(( ${TOKYOIA_REDIS_RETRY_SECONDS:-5} + 5 )) \
                java -Xmx256m -cp "$CP" com.tokyoia.faults.RedisKilledUnderReads "$APP" "$SERVER_LOG" < .run/users/admin || failed+=("$fault")
            ;;
        disk-full)
            [ "$work_on_tmpfs" = true ] || { echo "could not mount a tmpfs on $WORK_DIR (needs root)" >&2; failed+=("$fault"); continue; }
            FAULT_ENLARGE="mount -o remount,size=512m $WORK_DIR" \
                java -Xmx256m -cp "$CP" com.tokyoia.faults.DiskFullDuringExport "$APP" "$JDBC" "$TOKYOIA_LAKE_LOCAL_ROOT" "$WORK_DIR" \
                < .run/users/admin || failed+=("$fault")
            ;;
        server-killed)
            home="${SERVER_LOG%/standalone/log/server.log}"
            save_first_node
            FAULT_KILL="pkill -9 -f -- '-Djboss.server.base.dir=$home/standalone'" FAULT_START="start_first_node" \
                java -Xmx256m -cp "$CP" com.tokyoia.faults.ServerKilledUnderIngest "$APP" "$JDBC" < .run/users/admin \
                || failed+=("$fault")
            # The fault started a new server process on purpose: the faults after it check that one.
            server_before=$(server_pid)
            continue
            ;;
        two-nodes)
            # Room for both nodes' exports (disk-full, when it ran, has already given it).
            [ "$work_on_tmpfs" = true ] && mount -o remount,size=512m "$WORK_DIR"
            start_second_node
            home="${SERVER_LOG%/standalone/log/server.log}"
            NODE1_KILL="pkill -9 -f -- '-Djboss.server.base.dir=$home/standalone'" \
                java -Xmx256m -cp "$CP" com.tokyoia.faults.TwoNodesShareTheWork "$APP" \
                "http://127.0.0.1:$((8180 + ${TOKYOIA_PORT_OFFSET:-0}))" "$JDBC" "$TOKYOIA_LAKE_LOCAL_ROOT" < .run/users/admin \
                || failed+=("$fault")
            # The fault killed the first node on purpose.
            continue
            ;;
        simulated-week)
            [ "$work_on_tmpfs" = true ] && mount -o remount,size=512m "$WORK_DIR"
            FAKETIME_LIB="$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1 || true)"
            if [ -z "$FAKETIME_LIB" ]; then
                apt-get install -y -q faketime >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q faketime >/dev/null; }
                FAKETIME_LIB="$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1 || true)"
            fi
            [ -n "$FAKETIME_LIB" ] || { echo "libfaketime is not installed (apt-get install faketime)" >&2; failed+=("$fault"); continue; }
            save_first_node
            NODE1_HOME="${SERVER_LOG%/standalone/log/server.log}"
            export FAKETIME_LIB NODE1_HOME NODE2_BASE SERVER_LOG
            export -f start_nodes stop_nodes start_second_node
            WEEK_START_NODES="start_nodes" WEEK_STOP_NODES="stop_nodes" \
                WEEK_KILL_NODE1="pkill -9 -f -- '-Djboss.server.base.dir=$NODE1_HOME/standalone'" \
                WEEK_KILL_NODE2="pkill -9 -f -- '-Djboss.server.base.dir=$NODE2_BASE'" \
                java -Xmx256m -cp "$CP" com.tokyoia.faults.SimulatedWeek "$APP" \
                "http://127.0.0.1:$((8180 + ${TOKYOIA_PORT_OFFSET:-0}))" "$JDBC" "$TOKYOIA_LAKE_LOCAL_ROOT" < .run/users/admin \
                || failed+=("$fault")
            continue
            ;;
        *) echo "unknown fault $fault" >&2; failed+=("$fault") ;;
    esac
    # Recovery happens in the same server process: none of the faults may need a restart.
    if [ "$(server_pid)" != "$server_before" ] || ! kill -0 "$server_before" 2>/dev/null; then
        echo "FAIL $fault: the server process changed (it was $server_before)"; failed+=("$fault")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "[faults] failed: ${failed[*]}"
    exit 1
fi
echo "[faults] all passed: ${faults[*]}"
