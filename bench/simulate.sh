#!/usr/bin/env bash
# The session store's deterministic simulator (docs/consistency.md, "The simulator") over many
# seeds, in parallel JVMs: each runs a range of seeds with SimulationReplay (the store alone) or
# FrontSimulationReplay (the switchable fronts over the store) from the test class path of
# dynamic-bean-memcached. Prints each violation (seed and invariant), the schedules run, the
# schedules per second and, for the fronts, the faults per schedule. In process: no memcached, no
# network, no sleeping.
#
# Environment:
#   SIMULATOR   store (the store alone, SimulationTests' schedules) or front (the fronts in the
#               loop, FrontSimulationTests' schedules) (default store)
#   SEEDS       schedules to run (default 10000)
#   FIRST_SEED  the first seed (default 1)
#   JOBS        parallel JVMs (default: the number of cores)
#   FAULTS      ONE_AT_A_TIME (the documented faults, as in CI) or ANY (default ONE_AT_A_TIME)
#   MUTANT      store: NONE, BLIND_WRITES or NO_TOMBSTONE; front: NONE, EPOCH_BLIND or
#               FORGET_PENDING_DELETIONS (default NONE)
#   JAVA_OPTS   JVM options (default -Xmx256m)
#   REVISION    the version to build the modules as (-Drevision; default: the project's)
set -euo pipefail

BENCH_HOME=$(cd "$(dirname "$0")" && pwd)
REPO_HOME=$(dirname "$BENCH_HOME")
SIMULATOR=${SIMULATOR:-store}
SEEDS=${SEEDS:-10000}
FIRST_SEED=${FIRST_SEED:-1}
JOBS=${JOBS:-$(nproc)}
FAULTS=${FAULTS:-ONE_AT_A_TIME}
MUTANT=${MUTANT:-NONE}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m}
RUN_DIR="$BENCH_HOME/target/simulate"
case "$SIMULATOR" in
	store) MAIN=io.dynamicbean.memcached.simulation.SimulationReplay ;;
	front) MAIN=io.dynamicbean.memcached.simulation.FrontSimulationReplay ;;
	*) echo "SIMULATOR must be store or front, not $SIMULATOR" >&2; exit 2 ;;
esac
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"

MVN_ARGS=()
[ -n "${REVISION:-}" ] && MVN_ARGS+=("-Drevision=$REVISION")

cd "$REPO_HOME"
./mvnw -q -pl dynamic-bean-memcached -am install -DskipTests "${MVN_ARGS[@]}"
./mvnw -q -pl dynamic-bean-memcached test-compile dependency:build-classpath "${MVN_ARGS[@]}" \
	-Dmdep.outputFile="$RUN_DIR/classpath.txt" >/dev/null
MODULE="$REPO_HOME/dynamic-bean-memcached"
CLASSPATH="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$RUN_DIR/classpath.txt")"
echo '<configuration><root level="OFF"/></configuration>' >"$RUN_DIR/logback.xml"

started=$(date +%s.%N)
per_job=$(((SEEDS + JOBS - 1) / JOBS))
pids=()
for ((job = 0; job < JOBS; job++)); do
	first=$((FIRST_SEED + job * per_job))
	count=$((SEEDS - job * per_job))
	((count > per_job)) && count=$per_job
	((count <= 0)) && break
	# shellcheck disable=SC2086
	java $JAVA_OPTS -Dlogback.configurationFile="$RUN_DIR/logback.xml" -cp "$CLASSPATH" \
		"$MAIN" "$first" "$count" "$FAULTS" "$MUTANT" \
		>"$RUN_DIR/job-$job.txt" 2>&1 &
	pids+=($!)
done
for pid in "${pids[@]}"; do
	wait "$pid"
done
elapsed=$(echo "$(date +%s.%N) - $started" | bc -l)

cat "$RUN_DIR"/job-*.txt | grep '^seed ' | sort -t' ' -k2,2n >"$RUN_DIR/violations.txt" || true
cat "$RUN_DIR/violations.txt"
failed=$(wc -l <"$RUN_DIR/violations.txt")
faults=$(cat "$RUN_DIR"/job-*.txt | awk '/faults per schedule/ { n += $1; f += $1 * $(NF - 3) } END { if (n) printf "%.1f", f / n }')
printf '%d %s schedules (%s, %s) in %.1f s on %d JVMs: %.0f schedules/s%s; %d broke an invariant (I1: %d, I2: %d, I3: %d, I4: %d)\n' \
	"$SEEDS" "$SIMULATOR" "$FAULTS" "$MUTANT" "$elapsed" "${#pids[@]}" "$(echo "$SEEDS / $elapsed" | bc -l)" \
	"${faults:+, $faults faults per schedule}" "$failed" \
	"$(grep -c ': I1 ' "$RUN_DIR/violations.txt" || true)" "$(grep -c ': I2 ' "$RUN_DIR/violations.txt" || true)" \
	"$(grep -c ': I3 ' "$RUN_DIR/violations.txt" || true)" "$(grep -c ': I4 ' "$RUN_DIR/violations.txt" || true)"
