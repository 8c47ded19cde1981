#!/usr/bin/env bash
# Fault drill: memcached nodes killed, frozen or all stopped under load, two instances behind
# HAProxy (docs/reliability.md, "Memcached restarts under load in a cluster").
#
# scripts/cluster.sh starts NODES memcached nodes, two instances of the example application and
# HAProxy (round-robin, sticky only on the affinity cookie) on free loopback ports. Then, with
#
#   - a steady wrk load through HAProxy on GET /bench/counter (SESSIONS logged-in sessions,
#     consecutive 5 s windows; counts lost logins (a redirect to /login or a 401), 5xx, socket
#     errors), and
#   - CHECKERS logged-in clients requesting GET /session through HAProxy one after the other, each
#     checking that its session's counter goes up by exactly one per request,
#
# a fault is injected CYCLES times, DOWN seconds each time: FAULT=kill kills one node (SIGKILL, the
# next one at each cycle) and restarts it empty; FAULT=freeze freezes one node (SIGSTOP) and resumes
# it (SIGCONT); FAULT=all kills every node and restarts them empty. After each repair the drill
# waits until both instances are on memcached (memcachedSessionRepository ACTIVE), then SETTLE seconds.
#
# Counted: 5xx; logins lost (a logged-in client redirected to /login); sessions lost (a counter that
# starts again from 1); and, separately, counter steps that are not +1 (a step back means an update
# lost: during an outage each instance serves its own local copy of a session, see
# docs/session.md, "Limits"), with how many of them happened outside the outages (from the kill
# to one second after both instances were back on memcached). HAProxy's own view: checks failed and instances taken out.
#
# With a node fault and other nodes answering, also counted: checker answers served from a local
# store (the sessions should never leave memcached), and steps back at any time.
#
# Targets: zero 5xx, zero logins lost, zero sessions lost; for node faults, zero steps back and zero
# local answers.
#
# Usage: bench/drill-cluster-memcached-restarts.sh   (NODES=3 FAULT=kill CYCLES=10 DOWN=5 SETTLE=3
#        RETRY_DELAY=5 CHECKERS=4 SESSIONS=16: about 4 minutes; NODES=1 is the single-node drill)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

NODES=${NODES:-3}
FAULT=${FAULT:-kill}
CYCLES=${CYCLES:-10}
DOWN=${DOWN:-5}
SETTLE=${SETTLE:-3}
RETRY_DELAY=${RETRY_DELAY:-5}
CHECKERS=${CHECKERS:-4}
SESSIONS=${SESSIONS:-16}

bench_init drill-cluster-memcached-restarts

case "$FAULT" in kill | freeze | all) ;; *) echo "FAULT must be kill, freeze or all" >&2; exit 2 ;; esac
export LB_PORT APP1_PORT APP2_PORT MEMCACHED_PORTS STATS_PORT APP_ARGS
LB_PORT=$(free_port)
APP1_PORT=$(free_port)
APP2_PORT=$(free_port)
ports=()
for _ in $(seq 1 "$NODES"); do
	ports+=("$(free_port)")
done
MEMCACHED_PORTS="${ports[*]}"
STATS_PORT=$(free_port)
APP_ARGS="--dynamic-bean.memcached.retry-delay=${RETRY_DELAY}s"
CLUSTER_DIR="$RUN_DIR/cluster"
lb="http://127.0.0.1:$LB_PORT"

on_cleanup "RUN_DIR='$CLUSTER_DIR' '$REPO_HOME/scripts/cluster.sh' down >/dev/null 2>&1"
log "scripts/cluster.sh up: HAProxy on $LB_PORT, app-1 on $APP1_PORT, app-2 on $APP2_PORT, memcached on $MEMCACHED_PORTS; fault $FAULT"
RUN_DIR=$CLUSTER_DIR "$REPO_HOME/scripts/cluster.sh" up >"$RUN_DIR/cluster-up.log" 2>&1 \
	|| { cat "$RUN_DIR/cluster-up.log"; exit 1; }

# haproxy_counts: "<server> <status> <failed checks> <times taken out> <5xx>" per instance.
haproxy_counts() {
	curl -s -m 2 "http://127.0.0.1:$STATS_PORT/stats;csv" | sed '1s/^# //' | awk -F, '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == "apps" && $2 ~ /^app-/ { print $2, $col["status"], $col["chkfail"], $col["chkdown"], $col["hrsp_5xx"] }'
}
haproxy_counts >"$RUN_DIR/haproxy-before.txt"

login_sessions "$lb" "$SESSIONS" "$RUN_DIR/cookies.txt"
for checker in $(seq 1 "$CHECKERS"); do
	login "$lb" "$RUN_DIR/checker-$checker.jar" || { echo "checker $checker could not log in" >&2; exit 1; }
done

# Background loops stop at the stop file, at the latest at this deadline.
LOOP_DEADLINE=$(($(now_ms) + (CYCLES * (DOWN + SETTLE + RETRY_DELAY + 40) + 120) * 1000))

# checker N: GET /session through HAProxy, one after the other, until the stop file exists;
# "<ms> <http status> <instance> <store> <counter>" a line.
checker() {
	local n=$1 jar="$RUN_DIR/checker-$1.jar" answer status
	while [ ! -e "$RUN_DIR/stop" ] && [ "$(now_ms)" -lt "$LOOP_DEADLINE" ]; do
		answer=$(curl -s -m 5 -b "$jar" -c "$jar" -w ' %{http_code}' "$lb/session" || true)
		status=${answer##* }
		echo "$(now_ms) $status $(sed -n 's/.*"instance":"\([^"]*\)".*"store":"\([a-z]*\)".*"counter":\([0-9]*\).*/\1 \2 \3/p' <<<"$answer")" \
			>>"$RUN_DIR/checker-$n.txt"
		sleep 0.05
	done
}

# load: consecutive 5 s wrk windows through HAProxy until the stop file exists.
load() {
	while [ ! -e "$RUN_DIR/stop" ] && [ "$(now_ms)" -lt "$LOOP_DEADLINE" ]; do
		run_wrk -t1 -c4 -d5s "$lb" "$RUN_DIR/cookies.txt" >>"$RUN_DIR/load.txt" || true
	done
}

loops=()
load &
loops+=($!)
remember $!
for checker in $(seq 1 "$CHECKERS"); do
	checker "$checker" &
	loops+=($!)
	remember $!
done
sleep 5

# The pid file of the node on a port, as scripts/cluster.sh names it.
memcached_pid_file() {
	if [ "$NODES" = 1 ]; then echo "$CLUSTER_DIR/memcached.pid"; else echo "$CLUSTER_DIR/memcached-$1.pid"; fi
}

memcached_start() {
	memcached -d -l 127.0.0.1 -p "$1" -U 0 -m 64 -u "$(id -un)" -P "$(memcached_pid_file "$1")"
	await_tcp "$1" 10
}

printf '%-6s %10s %16s %16s\n' cycle down_ms app-1_back_ms app-2_back_ms
for cycle in $(seq 1 "$CYCLES"); do
	node_port=${ports[$(((cycle - 1) % NODES))]}
	case "$FAULT" in
		kill) kill -9 "$(cat "$(memcached_pid_file "$node_port")")" ;;
		freeze) kill -STOP "$(cat "$(memcached_pid_file "$node_port")")" ;;
		all) for port in "${ports[@]}"; do kill -9 "$(cat "$(memcached_pid_file "$port")")"; done ;;
	esac
	killed=$(now_ms)
	sleep "$DOWN"
	case "$FAULT" in
		kill) memcached_start "$node_port" ;;
		freeze) kill -CONT "$(cat "$(memcached_pid_file "$node_port")")" ;;
		all) for port in "${ports[@]}"; do memcached_start "$port"; done ;;
	esac
	restarted=$(now_ms)
	backs=()
	for port in "$APP1_PORT" "$APP2_PORT"; do
		if await_bean_state "$port" memcachedSessionRepository ACTIVE $((RETRY_DELAY + 30)); then
			backs+=($(($(now_ms) - restarted)))
		else
			backs+=(never)
		fi
	done
	printf '%-6s %10s %16s %16s\n' "$cycle" "$((restarted - killed))" "${backs[0]}" "${backs[1]}"
	echo "$cycle ${backs[*]}" >>"$RUN_DIR/cycles.txt"
	echo "$killed $(now_ms)" >>"$RUN_DIR/outages.txt"
	sleep "$SETTLE"
done

touch "$RUN_DIR/stop"
for pid in "${loops[@]}"; do
	await_exit "$pid" 20 || true
	forget "$pid"
done

echo
echo "Checkers (GET /session through HAProxy, one request after the other):"
total_5xx=0 total_login=0 total_reset=0 total_back=0 total_local=0
for checker in $(seq 1 "$CHECKERS"); do
	read -r requests s5xx login_lost other resets back lost skip back_outside local instances <<<"$(awk '
		function during(t,   i) { for (i = 1; i <= outages; i++) if (t >= from[i] && t <= to[i]) return 1; return 0 }
		NR == FNR { outages++; from[outages] = $1; to[outages] = $2 + 1000; next }
		{ n++ }
		$2 >= 500 { s5xx++ }
		$2 == 302 || $2 == 401 { login++ }
		$2 != 200 && $2 != 302 && $2 != 401 && $2 < 500 { other++ }
		$2 == 200 && $5 != "" {
			seen[$3]++
			if ($4 != "memcached") local++
			if (prev != "") {
				if ($5 == 1 && prev > 1) resets++
				else if ($5 <= prev) { back++; lost += prev + 1 - $5; if (!during($1)) back_outside++ }
				else if ($5 > prev + 1) skip++
			}
			prev = $5
		}
		END { s = ""; for (i in seen) s = s i ":" seen[i] ","; print n + 0, s5xx + 0, login + 0, other + 0, resets + 0, back + 0, lost + 0, skip + 0, back_outside + 0, local + 0, s }' \
		"$RUN_DIR/outages.txt" "$RUN_DIR/checker-$checker.txt")"
	echo "  checker $checker: $requests requests ($instances), 5xx $s5xx, logged out (302 to /login or 401) $login_lost," \
		"other failures $other, counter resets $resets; steps back $back ($lost updates lost; $back_outside outside" \
		"the outages), skips $skip, answers from a local store $local"
	total_back=$((total_back + back))
	total_local=$((total_local + local))
	total_5xx=$((total_5xx + s5xx))
	total_login=$((total_login + login_lost))
	total_reset=$((total_reset + resets))
done

read -r load_requests load_lost load_5xx load_errors <<<"$(while read -r line; do
	echo "$(field requests <<<"$line") $(field lost <<<"$line") $(field s5xx <<<"$line") $(($(field connect <<<"$line") + $(field read <<<"$line") + $(field write <<<"$line") + $(field timeout <<<"$line")))"
done <"$RUN_DIR/load.txt" | awk '{ r += $1; a += $2; b += $3; c += $4 } END { print r + 0, a + 0, b + 0, c + 0 }')"
echo "Load (wrk through HAProxy, $SESSIONS sessions): $load_requests requests, lost logins $load_lost, 5xx $load_5xx, socket errors $load_errors"

echo "HAProxy's view during the drill (after scripts/cluster.sh up had both instances in rotation):"
haproxy_counts >"$RUN_DIR/haproxy-after.txt"
awk 'NR == FNR { out[$1] = $4; fail[$1] = $3; next }
	{ printf "  %s: status %s, failed checks %d, taken out of rotation %d times, 5xx answered %s\n", $1, $2, $3 - fail[$1], $4 - out[$1], $5 }' \
	"$RUN_DIR/haproxy-before.txt" "$RUN_DIR/haproxy-after.txt"
taken_out=$(awk 'NR == FNR { out[$1] = $4; next } { n += $4 - out[$1] } END { print n + 0 }' \
	"$RUN_DIR/haproxy-before.txt" "$RUN_DIR/haproxy-after.txt")
back_max=$(awk '{ print $2; print $3 }' "$RUN_DIR/cycles.txt" | max_of)
never=$(grep -c never "$RUN_DIR/cycles.txt" || true)
echo "Back on memcached after each restart: median $(awk '{ print $2; print $3 }' "$RUN_DIR/cycles.txt" | median) ms, max $back_max ms (retry delay $RETRY_DELAY s)"

target_check "zero 5xx (checkers $total_5xx, load $load_5xx)" "$total_5xx + $load_5xx == 0"
target_check "zero logins lost (checkers $total_login, load $load_lost)" "$total_login + $load_lost == 0"
target_check "zero sessions lost (counter resets: $total_reset)" "$total_reset == 0"
target_check "no instance taken out of rotation by HAProxy ($taken_out times)" "$taken_out == 0"
target_check "both instances back on memcached after every restart ($never never)" "$never == 0"
if [ "$FAULT" != all ] && [ "$NODES" -gt 1 ]; then
	target_check "zero counter steps back with other nodes answering ($total_back)" "$total_back == 0"
	target_check "sessions never left memcached ($total_local local answers)" "$total_local == 0"
fi
bench_finish
