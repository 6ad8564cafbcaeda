# Sourced by the benchmarks that drive the server ./tokyo-ia up runs (run-hot-load.sh,
# run-cache-hit.sh, run-soak.sh): its URL, the admin's password file, the bench jar and its class
# path, and the server's JVM (the child of ./tokyo-ia's standalone.sh) for jstat and /proc.
APP="${TOKYOIA_BENCH_URL:-http://127.0.0.1:8080}"
[ -s .run/users/admin ] || { echo "no .run/users/admin: ./tokyo-ia up first" >&2; exit 1; }
./mvnw -B -q -o -DskipTests -pl bench -am install 2>/dev/null || ./mvnw -B -q -DskipTests -pl bench -am install
CP="bench/target/tokyo-ia-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)"
SERVER_PID="$(pgrep -P "$(cat .run/wildfly.pid 2>/dev/null || echo 0)" java | head -1 || true)"
# The server's garbage collections so far (jstat), for a line before and after a run.
gc() { [ -n "$SERVER_PID" ] && jstat -gc "$SERVER_PID" | awk 'NR == 2 { printf "%s young GCs %.3f s, %s full GCs %.3f s\n", $(NF-6), $(NF-5), $(NF-4), $(NF-3) }'; }
