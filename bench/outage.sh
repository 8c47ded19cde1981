#!/usr/bin/env bash
# Outage latency (issue 5, item 4; docs/benchmarks.md, "Outage latency").
#
# One instance of the example application on memcached, SESSIONS logged-in sessions, and a steady
# wrk load on GET /bench/counter as consecutive WINDOW-second windows (wrk -t THREADS -c CONNECTIONS,
# each window one RESULT line: latency percentiles, lost logins (a redirect to /login or a 401), 5xx, socket errors).
# Two scenarios, one after the other:
#
#   kill    memcached killed (SIGKILL) after BEFORE s, restarted (empty) OUTAGE s later
#   freeze  memcached stopped (SIGSTOP) after BEFORE s, resumed (SIGCONT) OUTAGE s later
#
# Instants (from the actuator's view of the memcachedSessionRepository dynamic bean, polled every 100 ms):
# failure, detected (bean no longer ACTIVE: the application serves local sessions without waiting),
# restored (memcached restarted / resumed), back (bean ACTIVE again). Each window is put in the
# phase it lies in: before, detecting (overlaps failure..detected), outage (between detected and
# restored), returning (overlaps restored..back), after.
#
# Targets: no 5xx, lost login or socket error in any window; p99 <= 50 ms in every outage window;
# back on memcached within the retry delay (+ 1 s of measuring slack) after the restart/resume.
#
# Usage: bench/outage.sh    (RETRY_DELAY=30 (the default of the library) BEFORE=6 OUTAGE=10 AFTER=6
#                            WINDOW=2 THREADS=2 CONNECTIONS=4 SESSIONS=16: about 3 minutes)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

RETRY_DELAY=${RETRY_DELAY:-30}
BEFORE=${BEFORE:-6}
OUTAGE=${OUTAGE:-10}
AFTER=${AFTER:-6}
WINDOW=${WINDOW:-2}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-4}
SESSIONS=${SESSIONS:-16}
P99_LIMIT_MS=50

bench_init outage

MC_PORT=$(free_port)
APP_PORT=$(free_port)
base="http://127.0.0.1:$APP_PORT"
start_memcached "$MC_PORT"
memcached_pid=$MEMCACHED_PID
start_app app "$APP_PORT" --dynamic-bean.memcached.servers="127.0.0.1:$MC_PORT" \
	--dynamic-bean.memcached.retry-delay="${RETRY_DELAY}s"
await_ready "$APP_PORT" 300 "$APP_PID"
login_sessions "$base" "$SESSIONS" "$RUN_DIR/cookies.txt"
log "application on $APP_PORT, memcached on $MC_PORT, retry delay ${RETRY_DELAY} s; warm-up 10 s"
run_wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "$base" "$RUN_DIR/cookies.txt" >/dev/null

# windows FILE STOPFILE: consecutive wrk windows until STOPFILE exists (at the latest after 10
# minutes); "<start> <end> RESULT ..." lines.
windows() {
	local file=$1 stop=$2 start result deadline=$(($(now_ms) + 600 * 1000))
	while [ ! -e "$stop" ] && [ "$(now_ms)" -lt "$deadline" ]; do
		start=$(now_ms)
		result=$(run_wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WINDOW}s" "$base" "$RUN_DIR/cookies.txt" || true)
		echo "$start $(now_ms) $result" >>"$file"
	done
}

# await_not_active SECONDS: until memcachedSessionRepository is not ACTIVE; sets NOT_ACTIVE_MS.
await_not_active() {
	local deadline=$(($(now_ms) + $1 * 1000)) state
	while :; do
		state=$(bean_state "$APP_PORT" memcachedSessionRepository)
		if [ -n "$state" ] && [ "$state" != ACTIVE ]; then
			NOT_ACTIVE_MS=$(now_ms)
			return 0
		fi
		[ "$(now_ms)" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}

SUMMARY="$RUN_DIR/summary.txt"
: >"$SUMMARY"
for scenario in kill freeze; do
	await_bean_state "$APP_PORT" memcachedSessionRepository ACTIVE $((RETRY_DELAY + 30)) \
		|| { echo "memcachedSessionRepository is not ACTIVE before the $scenario scenario" >&2; exit 1; }
	file="$RUN_DIR/windows-$scenario.txt"
	stop="$RUN_DIR/stop-$scenario"
	: >"$file"
	windows "$file" "$stop" &
	loop_pid=$!
	remember "$loop_pid"
	sleep "$BEFORE"
	failure=$(now_ms)
	if [ "$scenario" = kill ]; then
		kill_process "$memcached_pid"
	else
		kill -STOP "$memcached_pid"
	fi
	await_not_active $((OUTAGE + 20)) || { echo "the application did not notice the $scenario" >&2; exit 1; }
	detected=$NOT_ACTIVE_MS
	sleep "$(calc "($failure + $OUTAGE * 1000 - $(now_ms)) / 1000" | awk '{ print ($1 > 0) ? $1 : 0 }')"
	restored=$(now_ms)
	if [ "$scenario" = kill ]; then
		start_memcached "$MC_PORT"
		memcached_pid=$MEMCACHED_PID
	else
		kill -CONT "$memcached_pid"
	fi
	back=nan
	await_bean_state "$APP_PORT" memcachedSessionRepository ACTIVE $((RETRY_DELAY + 20)) && back=$(now_ms)
	sleep "$AFTER"
	touch "$stop"
	await_exit "$loop_pid" $((WINDOW + 15)) || true
	forget "$loop_pid"
	echo
	echo "$scenario: detected $((detected - failure)) ms after the failure; back on memcached" \
		"$([ "$back" = nan ] && echo NEVER || echo "$((back - restored)) ms") after the restore"
	printf '  %-10s %8s %8s %8s %8s %8s %5s %5s %7s\n' phase from_s requests p50_ms p99_ms max_ms lost 5xx sockerr
	while read -r start end rest; do
		if [ "$end" -le "$failure" ]; then
			phase=before
		elif [ "$start" -lt "$detected" ]; then
			phase=detecting
		elif [ "$end" -le "$restored" ]; then
			phase=outage
		elif [ "$back" = nan ] || [ "$start" -lt "$back" ]; then
			phase=returning
		else
			phase=after
		fi
		[ -n "$rest" ] || { echo "  (a window without a wrk result)"; continue; }
		errors=$(($(field connect <<<"$rest") + $(field read <<<"$rest") + $(field write <<<"$rest") + $(field timeout <<<"$rest")))
		printf '  %-10s %8s %8s %8s %8s %8s %5s %5s %7s\n' "$phase" "$(calc "($start - $failure) / 1000")" \
			"$(field requests <<<"$rest")" "$(field p50_ms <<<"$rest")" "$(field p99_ms <<<"$rest")" \
			"$(field max_ms <<<"$rest")" "$(field lost <<<"$rest")" "$(field s5xx <<<"$rest")" "$errors"
		echo "$scenario $phase $rest socket_errors=$errors" >>"$SUMMARY"
	done <"$file"
	echo "$scenario timing detected_ms=$((detected - failure)) back_ms=$([ "$back" = nan ] && echo nan || echo $((back - restored)))" >>"$SUMMARY"
	rm -f "$stop"
done

# phase_values SCENARIO PHASE NAME
phase_values() {
	grep "^$1 $2 " "$SUMMARY" | while read -r line; do field "$3" <<<"$line"; done
}
sum() {
	awk '{ n += $1 } END { print n + 0 }'
}

echo
echo "Per phase (p50: median of the windows' p50; p99 and max: worst window):"
printf '  %-7s %-10s %8s %8s %8s %8s %5s %5s %7s\n' scenario phase requests p50_ms p99_ms max_ms lost 5xx sockerr
for scenario in kill freeze; do
	for phase in before detecting outage returning after; do
		[ -n "$(phase_values "$scenario" "$phase" requests)" ] || continue
		printf '  %-7s %-10s %8s %8s %8s %8s %5s %5s %7s\n' "$scenario" "$phase" \
			"$(phase_values "$scenario" "$phase" requests | sum)" "$(phase_values "$scenario" "$phase" p50_ms | median)" \
			"$(phase_values "$scenario" "$phase" p99_ms | max_of)" "$(phase_values "$scenario" "$phase" max_ms | max_of)" \
			"$(phase_values "$scenario" "$phase" lost | sum)" "$(phase_values "$scenario" "$phase" s5xx | sum)" \
			"$(phase_values "$scenario" "$phase" socket_errors | sum)"
	done
done

for scenario in kill freeze; do
	s5xx=$(grep "^$scenario " "$SUMMARY" | grep RESULT | while read -r line; do field s5xx <<<"$line"; done | sum)
	lost=$(grep "^$scenario " "$SUMMARY" | grep RESULT | while read -r line; do field lost <<<"$line"; done | sum)
	errors=$(grep "^$scenario " "$SUMMARY" | grep RESULT | while read -r line; do field socket_errors <<<"$line"; done | sum)
	outage_p99=$(phase_values "$scenario" outage p99_ms | max_of)
	back_ms=$(grep "^$scenario timing" "$SUMMARY" | field back_ms)
	target_check "$scenario: no 5xx ($s5xx), no lost login ($lost), no socket error ($errors)" \
		"$s5xx + $lost + $errors == 0"
	if [ -n "$outage_p99" ]; then
		target_check "$scenario: p99 in every outage window <= $P99_LIMIT_MS ms (worst $outage_p99 ms)" "$outage_p99 <= $P99_LIMIT_MS"
	else
		target_check "$scenario: an outage window after the detection (none: raise OUTAGE)" "0"
	fi
	target_check "$scenario: back on memcached $back_ms ms after the restore <= $(((RETRY_DELAY + 1) * 1000)) ms" \
		"\"$back_ms\" != \"nan\" && $back_ms <= $(((RETRY_DELAY + 1) * 1000))"
done
bench_finish
