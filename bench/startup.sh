#!/usr/bin/env bash
# Start-up with the cache down (issue 5, item 1; docs/benchmarks.md, "Start-up").
#
# Boots the example application from its jar RUNS times in each of three situations, interleaved
# (up, down, frozen, then down, frozen, up, then frozen, up, down, ...), and measures the time from launching the JVM to the
# first 200 of GET /monitor/l7check (polled every 50 ms), which the application answers once it is
# ready for traffic:
#
#   up      memcached running
#   down    nothing listens on the memcached port (connection refused)
#   frozen  a memcached stopped with SIGSTOP: the kernel accepts connections, nothing answers
#
# Also reported: Spring Boot's own "process running for" figure of its "Started" log line; the time
# the boot spent generating dynamic beans (the dynamic.bean.generation timer: what the cache itself
# costs start-up, without the noise of the rest of the boot); and the state of the memcachedClient
# dynamic bean once ready (ACTIVE when up, FAILED otherwise), which shows that each boot saw the
# situation it was meant to see.
#
# Targets: median(down) / median(up) <= 1.05; median(frozen) - median(up) <= the connect timeout
# (dynamic-bean.memcached.connect-timeout, 1 s by default, not set here).
#
# One boot before the measured ones is not counted (it warms the page cache up with the jar).
# Besides the medians, the median of the per-round ratios (down / up of the same round, which ran
# seconds apart) is printed: on a shared machine, load changes from minute to minute.
#
# Usage: bench/startup.sh            (RUNS=10 by default; about 5 minutes)
#        RUNS=5 bench/startup.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-10}
CONNECT_TIMEOUT_MS=1000

bench_init startup

MC_UP_PORT=$(free_port)
start_memcached "$MC_UP_PORT"
MC_FROZEN_PORT=$(free_port)
start_memcached "$MC_FROZEN_PORT"
kill -STOP "$MEMCACHED_PID"
CLOSED_PORT=$(free_port)
APP_PORT=$(free_port)
log "memcached up on $MC_UP_PORT, frozen on $MC_FROZEN_PORT, nothing on $CLOSED_PORT; application on $APP_PORT; $RUNS runs"

# generation_ms PORT: time spent generating dynamic beans so far (the dynamic.bean.generation timer).
generation_ms() {
	curl -s -m 2 -u "$DEMO_USER:$DEMO_PASSWORD" "http://127.0.0.1:$1/actuator/metrics/dynamic.bean.generation" \
		| python3 -c 'import json, sys; m = {x["statistic"]: x["value"] for x in json.load(sys.stdin)["measurements"]}; print("%.0f" % (m["TOTAL_TIME"] * 1000))' \
		2>/dev/null || echo nan
}

RESULTS="$RUN_DIR/results.txt"
: >"$RESULTS"
start_app warm-up "$APP_PORT" --dynamic-bean.memcached.servers="127.0.0.1:$MC_UP_PORT"
await_ready "$APP_PORT" 180 "$APP_PID"
stop_process "$APP_PID"
printf '%-4s %-7s %10s %12s %14s  %s\n' run mode ready_ms boot_said_s generation_ms memcachedClient
MODES=(up down frozen)
for run in $(seq 1 "$RUNS"); do
	# The order rotates from run to run, so that no situation always boots right after another.
	shift_by=$(((run - 1) % 3))
	for mode in "${MODES[@]:$shift_by}" "${MODES[@]:0:$shift_by}"; do
		case $mode in
			up) port=$MC_UP_PORT expected=ACTIVE ;;
			down) port=$CLOSED_PORT expected=FAILED ;;
			frozen) port=$MC_FROZEN_PORT expected=FAILED ;;
		esac
		start_app "$mode-$run" "$APP_PORT" --dynamic-bean.memcached.servers="127.0.0.1:$port"
		await_ready "$APP_PORT" 180 "$APP_PID"
		ready_ms=$((READY_MS - APP_START_MS))
		state=$(bean_state "$APP_PORT" memcachedClient)
		generation_ms=$(generation_ms "$APP_PORT")
		stop_process "$APP_PID"
		boot_said=$(sed -n 's/.*Started ExampleWebApplication in [0-9.]* seconds (process running for \([0-9.]*\)).*/\1/p' \
			"$RUN_DIR/$mode-$run.log" | head -n 1)
		valid=yes
		[ "$state" = "$expected" ] || valid=no
		printf '%-4s %-7s %10s %12s %14s  %s%s\n' "$run" "$mode" "$ready_ms" "${boot_said:-?}" "$generation_ms" "${state:-?}" \
			"$([ "$valid" = yes ] || echo "   (expected $expected)")"
		echo "$run $mode $ready_ms ${boot_said:-nan} $valid $generation_ms" >>"$RESULTS"
		sleep 1
	done
done

column() {
	awk -v mode="$1" -v col="$2" '$2 == mode { print $col }' "$RESULTS"
}

up=$(column up 3 | median)
down=$(column down 3 | median)
frozen=$(column frozen 3 | median)
up_boot=$(column up 4 | median)
down_boot=$(column down 4 | median)
frozen_boot=$(column frozen 4 | median)
up_generation=$(column up 6 | median)
down_generation=$(column down 6 | median)
frozen_generation=$(column frozen 6 | median)
ratio=$(calc "$down / $up")
paired_ratio=$(awk '$2 == "up" { up[$1] = $3 } $2 == "down" { down[$1] = $3 } END { for (r in up) if (r in down) print down[r] / up[r] }' "$RESULTS" | median)
paired_delta=$(awk '$2 == "up" { up[$1] = $3 } $2 == "frozen" { f[$1] = $3 } END { for (r in up) if (r in f) print f[r] - up[r] }' "$RESULTS" | median)
delta=$(calc "$frozen - $up")
invalid=$(awk '$5 != "yes"' "$RESULTS" | wc -l)

echo
echo "Medians over $RUNS runs each (ms from JVM launch to the first 200; Boot's own figure in s):"
printf '  %-7s %8s ms  (min %s, max %s)   Boot: %s s\n' up "$up" "$(column up 3 | sort -n | head -n 1)" "$(column up 3 | max_of)" "$up_boot"
printf '  %-7s %8s ms  (min %s, max %s)   Boot: %s s\n' down "$down" "$(column down 3 | sort -n | head -n 1)" "$(column down 3 | max_of)" "$down_boot"
printf '  %-7s %8s ms  (min %s, max %s)   Boot: %s s\n' frozen "$frozen" "$(column frozen 3 | sort -n | head -n 1)" "$(column frozen 3 | max_of)" "$frozen_boot"
echo "  down / up        = $ratio   (Boot's figures: $(calc "$down_boot / $up_boot"); median of the per-round ratios: $paired_ratio)"
echo "  frozen - up      = $delta ms   (Boot's figures: $(calc "($frozen_boot - $up_boot) * 1000") ms; median of the per-round differences: $paired_delta ms); frozen - down = $(calc "$frozen - $down") ms"
echo "  time in dynamic bean generation during start-up (medians): up $up_generation ms, down $down_generation ms, frozen $frozen_generation ms"
echo "    (frozen - up: $(calc "$frozen_generation - $up_generation") ms; down - up: $(calc "$down_generation - $up_generation") ms)"
echo "  the rest of the boot (ready_ms - generation_ms), medians: up $(awk '$2 == "up" { print $3 - $6 }' "$RESULTS" | median) ms," \
	"down $(awk '$2 == "down" { print $3 - $6 }' "$RESULTS" | median) ms, frozen $(awk '$2 == "frozen" { print $3 - $6 }' "$RESULTS" | median) ms"
# phases MODE: from each boot's log, "<context start> <generation phase>" in seconds: from Spring's
# first line to "Exposing N endpoints", and from there to the end of dynamic bean generation.
phases() {
	local log
	for log in "$RUN_DIR/$1"-[0-9]*.log; do
		awk '/^20[0-9][0-9]-/ { split($1, t, "T"); split(t[2], h, ":"); s = h[1] * 3600 + h[2] * 60 + h[3]; if (first == "") first = s }
			/Exposing [0-9]+ endpoints/ { exposed = s }
			/Application started without|dynamic beans generated at start-up are active/ { generated = s }
			END { if (exposed != "" && generated != "") printf "%.3f %.3f\n", exposed - first, generated - exposed }' "$log"
	done
}
for mode in up down frozen; do
	phases "$mode" >"$RUN_DIR/phases-$mode.txt"
done
echo "  from the logs, medians: Spring's first line to the actuator endpoints (no memcached involved):" \
	"up $(awk '{ print $1 }' "$RUN_DIR/phases-up.txt" | median) s, down $(awk '{ print $1 }' "$RUN_DIR/phases-down.txt" | median) s," \
	"frozen $(awk '{ print $1 }' "$RUN_DIR/phases-frozen.txt" | median) s; from there to the end of generation:" \
	"up $(awk '{ print $2 }' "$RUN_DIR/phases-up.txt" | median) s, down $(awk '{ print $2 }' "$RUN_DIR/phases-down.txt" | median) s," \
	"frozen $(awk '{ print $2 }' "$RUN_DIR/phases-frozen.txt" | median) s"
echo "  boots that did not see the intended memcached state: $invalid"

target_check "start-up down / up = $ratio <= 1.05" "$ratio <= 1.05"
target_check "start-up frozen - up = $delta ms <= connect timeout $CONNECT_TIMEOUT_MS ms" "$delta <= $CONNECT_TIMEOUT_MS"
target_check "every boot saw the intended memcached state ($invalid did not)" "$invalid == 0"
bench_finish
