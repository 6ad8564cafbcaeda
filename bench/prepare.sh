# Sourced by the bench/run*.sh scripts: the benchmark database and the built benchmark classpath.
# Leaves the working directory at the project root and sets CP.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PGPASSWORD="${TOKYOIA_PG_SUPERUSER_PASSWORD:-postgres}"
psql -h 127.0.0.1 -U "${TOKYOIA_PG_SUPERUSER:-postgres}" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'tokyoia_bench'" | grep -q 1 \
    || psql -h 127.0.0.1 -U "${TOKYOIA_PG_SUPERUSER:-postgres}" -d postgres -qc "CREATE DATABASE tokyoia_bench"
./mvnw -B -q -DskipTests -pl bench -am install
CP="bench/target/tokyo-ia-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)"
