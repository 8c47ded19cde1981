#!/usr/bin/env bash
# Heap under a flood of anonymous sessions during a total outage of the shared store, in process:
# no network, no sleeping (a clock moved by hand), bounded in count. Builds dynamic-bean-session if
# needed and runs bench/tools/FloodHeap.java on its class path. Exits 1 if a login was evicted.
#
# Environment:
#   RATE          anonymous sessions created per simulated second (default 1000)
#   SECONDS_SIM   simulated seconds of outage (default 3600: one hour)
#   LOGINS        logged-in sessions created before the flood (default 1000)
#   MAX_SESSIONS  dynamic-bean.session.local.max-sessions (default 10000, the default)
#   MAX_BYTES     dynamic-bean.session.local.max-bytes in bytes (default 67108864, the default 64MB)
#   JAVA_OPTS     JVM options (default -Xmx512m -XX:+UseSerialGC, so that System.gc() is a full collection)
set -euo pipefail

BENCH_HOME=$(cd "$(dirname "$0")" && pwd)
REPO_HOME=$(dirname "$BENCH_HOME")
RATE=${RATE:-1000}
SECONDS_SIM=${SECONDS_SIM:-3600}
LOGINS=${LOGINS:-1000}
MAX_SESSIONS=${MAX_SESSIONS:-10000}
MAX_BYTES=${MAX_BYTES:-67108864}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}
RUN_DIR="$BENCH_HOME/target/flood-heap"
mkdir -p "$RUN_DIR"

cd "$REPO_HOME"
if [ ! -d dynamic-bean-session/target/classes ]; then
	./mvnw -q -pl dynamic-bean-session -am install -DskipTests
fi
./mvnw -q -pl dynamic-bean-session dependency:build-classpath -Dmdep.outputFile="$RUN_DIR/classpath.txt" >/dev/null
CLASSPATH="$REPO_HOME/dynamic-bean-session/target/classes:$(cat "$RUN_DIR/classpath.txt")"

# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$CLASSPATH" \
	"$BENCH_HOME/tools/FloodHeap.java" "$RATE" "$SECONDS_SIM" "$LOGINS" "$MAX_SESSIONS" "$MAX_BYTES" \
	>"$RUN_DIR/output-$MAX_SESSIONS-$MAX_BYTES.txt" 2>&1 || status=$?
grep -v ' WARN ' "$RUN_DIR/output-$MAX_SESSIONS-$MAX_BYTES.txt"
exit "${status:-0}"
