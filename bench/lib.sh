# Shared helpers of the benchmark and fault drill scripts in bench/. Sourced, never run:
#
#   . "$(dirname "$0")/lib.sh"
#   bench_init startup          # run directory bench/target/startup, cleanup on exit, header
#
# Everything runs on loopback (127.0.0.0/8) and on free ports. Every process a script starts is
# remembered and stopped when the script ends, however it ends. Targets are checked with
# `target_check`; `bench_finish` prints them and exits 1 if one was missed.
#
# Environment:
#   APP_JAR       the application jar (default: bench/bench-webapp/target/bench-webapp-*.jar, the example
#                 plus the benchmark-only endpoint and profiles; built if missing or older than the code)
#   APP_JAVA_OPTS JVM options of every application instance (default: -Xmx256m)

set -euo pipefail

BENCH_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_HOME=$(dirname "$BENCH_HOME")
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xmx256m}
DEMO_USER=demo
DEMO_PASSWORD=demo

STARTED_PIDS=()
CLEANUP_COMMANDS=()
TARGET_LINES=()
TARGETS_MISSED=0

# --- set-up and reporting --------------------------------------------------------------------

# bench_init NAME: fresh run directory bench/target/NAME, cleanup trap, tools, jar, header.
bench_init() {
	BENCH_NAME=$1
	RUN_DIR="$BENCH_HOME/target/$BENCH_NAME"
	rm -rf "$RUN_DIR"
	mkdir -p "$RUN_DIR"
	trap bench_cleanup EXIT
	trap 'exit 130' INT TERM
	require_tools
	prepare_jar
	echo "== $BENCH_NAME: $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname), $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
	echo "   commit $(git -C "$REPO_HOME" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO_HOME" diff --quiet HEAD 2>/dev/null || echo ' (plus uncommitted changes)'), jar $(basename "$APP_JAR_SOURCE") built $(date -u -r "$APP_JAR_SOURCE" '+%Y-%m-%d %H:%M UTC'), $(java -version 2>&1 | head -n 1)"
	echo "   logs in ${RUN_DIR#"$REPO_HOME"/}"
}

# log MESSAGE...: a progress line with the time of day.
log() {
	echo "[$(date '+%H:%M:%S')] $*"
}

# target_check DESCRIPTION CONDITION: record whether a target was met; CONDITION is an awk
# expression such as "1.02 <= 1.05".
target_check() {
	local description=$1 condition=$2
	if awk "BEGIN { exit !($condition) }"; then
		TARGET_LINES+=("  met     $description")
	else
		TARGET_LINES+=("  MISSED  $description")
		TARGETS_MISSED=$((TARGETS_MISSED + 1))
	fi
}

# bench_finish: print the targets; exit 1 if any was missed.
bench_finish() {
	echo
	echo "Targets:"
	local line
	for line in "${TARGET_LINES[@]}"; do
		echo "$line"
	done
	if [ "$TARGETS_MISSED" -gt 0 ]; then
		echo "$TARGETS_MISSED target(s) missed"
		exit 1
	fi
	echo "all targets met"
}

# on_cleanup COMMAND: run COMMAND (with eval) when the script ends, before its processes are stopped.
on_cleanup() {
	CLEANUP_COMMANDS+=("$1")
}

bench_cleanup() {
	local pid live=() command
	trap - EXIT
	for command in "${CLEANUP_COMMANDS[@]}"; do
		eval "$command" || true
	done
	for pid in "${STARTED_PIDS[@]}"; do
		is_child "$pid" && live+=("$pid")
	done
	for pid in "${live[@]}"; do
		kill -CONT "$pid" 2>/dev/null || true
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${live[@]}"; do
		await_exit "$pid" 15 || kill -9 "$pid" 2>/dev/null || true
	done
}

# --- tools -------------------------------------------------------------------------------------

require_tools() {
	require_binary java openjdk-17-jdk-headless
	require_binary curl curl
	require_binary python3 python3
	require_binary memcached memcached
	require_binary redis-server redis-server
	require_binary redis-cli redis-tools
	require_binary haproxy haproxy
	require_binary wrk wrk
}

# require_binary NAME PACKAGE: install PACKAGE with apt-get when NAME is missing and we may.
require_binary() {
	local name=$1 package=$2
	if command -v "$name" >/dev/null 2>&1 || [ -x "/usr/sbin/$name" ]; then
		return 0
	fi
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
	if command -v apt-get >/dev/null 2>&1 && { [ -z "$sudo" ] || sudo -n true 2>/dev/null; }; then
		echo "Installing $package (for $name)"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$package"
	else
		echo "$name not found: run \`apt-get install $package\`" >&2
		exit 1
	fi
}

# bench_webapp_jar: the executable jar of bench/bench-webapp, or nothing when it is not built.
bench_webapp_jar() {
	ls "$REPO_HOME"/bench/bench-webapp/target/bench-webapp-*.jar 2>/dev/null \
		| grep -v -e '-sources' -e '-javadoc' -e '-tests' | head -n 1 || true
}

# bench_webapp_stale JAR: whether a source or build file of the repository is newer than the jar.
bench_webapp_stale() {
	[ -n "$(find "$REPO_HOME" -path "$REPO_HOME/.git" -prune -o -path '*/target' -prune -o \
		\( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$1" -print -quit 2>/dev/null)" ]
}

# The jar is built when missing, or rebuilt when the code is newer than it (unless APP_JAR names
# one); it is copied into the run directory, so a rebuild during a run does not change it.
prepare_jar() {
	APP_JAR_SOURCE=${APP_JAR:-$(bench_webapp_jar)}
	if [ -z "${APP_JAR:-}" ] && [ -n "$APP_JAR_SOURCE" ] && bench_webapp_stale "$APP_JAR_SOURCE"; then
		echo "The application jar is older than the code: rebuilding it..."
		APP_JAR_SOURCE=
	fi
	if [ -z "$APP_JAR_SOURCE" ]; then
		echo "Building the application jar..."
		(cd "$REPO_HOME" && { ./mvnw -q -o -pl bench/bench-webapp -am package -DskipTests \
			|| ./mvnw -q -pl bench/bench-webapp -am package -DskipTests; })
		APP_JAR_SOURCE=$(bench_webapp_jar)
	fi
	cp "$APP_JAR_SOURCE" "$RUN_DIR/bench-webapp.jar"
	BENCH_JAR="$RUN_DIR/bench-webapp.jar"
}

# --- time, ports, statistics -----------------------------------------------------------------

now_ms() {
	date +%s%3N
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# tcp_open PORT: whether something accepts TCP connections on 127.0.0.1:PORT.
tcp_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# median < numbers (one a line)
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } if (NR % 2) print v[(NR + 1) / 2]; else printf "%.10g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# percentile P < numbers: nearest-rank percentile
percentile() {
	sort -g | awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } i = int(p / 100 * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; print v[i] }'
}

max_of() {
	sort -g | tail -n 1
}

# calc EXPRESSION: floating-point arithmetic, e.g. calc "3 / 7"
calc() {
	awk "BEGIN { printf \"%.6g\n\", $1 }"
}

# random_between MIN MAX: a uniformly random number of seconds, with milliseconds
random_between() {
	python3 -c "import random; print('%.3f' % random.uniform($1, $2))"
}

# --- processes ---------------------------------------------------------------------------------

# remember PID: stop it when the script ends (if it is still a child of this script). Disowned, so
# that bash reaps it silently (no "Killed" job messages) when it ends.
remember() {
	STARTED_PIDS+=("$1")
	disown "$1" 2>/dev/null || true
}

# forget PID: it has ended; never signal that number again.
forget() {
	local pid kept=()
	for pid in "${STARTED_PIDS[@]}"; do
		[ "$pid" = "$1" ] || kept+=("$pid")
	done
	STARTED_PIDS=("${kept[@]}")
}

# is_child PID: whether PID is still a live process started by this script.
is_child() {
	[ "$(ps -o ppid= -p "$1" 2>/dev/null | tr -d ' ')" = "$$" ] \
		&& [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]
}

# kill_process PID: SIGKILL, wait until gone, forget.
kill_process() {
	kill -9 "$1" 2>/dev/null || true
	await_exit "$1" 10 || true
	forget "$1"
}

# await_exit PID SECONDS: wait for a process to end; 1 if it did not.
await_exit() {
	local pid=$1 deadline=$(($(now_ms) + $2 * 1000))
	while kill -0 "$pid" 2>/dev/null; do
		# A child that exited stays a zombie until reaped: count it as gone.
		[ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" = Z ] && break
		[ "$(now_ms)" -lt "$deadline" ] || return 1
		sleep 0.05
	done
	return 0
}

# stop_process PID [SECONDS]: SIGTERM (after SIGCONT), then SIGKILL after SECONDS (default 20).
stop_process() {
	local pid=$1 grace=${2:-20}
	kill -CONT "$pid" 2>/dev/null || true
	kill "$pid" 2>/dev/null || true
	await_exit "$pid" "$grace" || { kill -9 "$pid" 2>/dev/null || true; await_exit "$pid" 5 || true; }
	forget "$pid"
}

# start_memcached PORT [OPTIONS...]: sets MEMCACHED_PID; waits until it accepts connections.
start_memcached() {
	local port=$1
	shift
	memcached -l 127.0.0.1 -p "$port" -U 0 -m 64 -t 2 -u "$(id -un)" "$@" >>"$RUN_DIR/memcached-$port.log" 2>&1 &
	MEMCACHED_PID=$!
	remember "$MEMCACHED_PID"
	await_tcp "$port" 10 || { echo "memcached did not listen on $port" >&2; return 1; }
}

# start_redis PORT: sets REDIS_PID; waits until it answers PING.
start_redis() {
	local port=$1
	redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$RUN_DIR" \
		>>"$RUN_DIR/redis-$port.log" 2>&1 &
	REDIS_PID=$!
	remember "$REDIS_PID"
	local _
	for _ in $(seq 1 100); do
		[ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && return 0
		sleep 0.1
	done
	echo "redis-server did not answer on $port" >&2
	return 1
}

# await_tcp PORT SECONDS: poll every 10 ms until a TCP connection succeeds.
await_tcp() {
	local deadline=$(($(now_ms) + $2 * 1000))
	until tcp_open "$1"; do
		[ "$(now_ms)" -lt "$deadline" ] || return 1
		sleep 0.01
	done
}

# start_app NAME PORT [ARGS...]: start the example application from the jar; sets APP_PID and
# APP_START_MS (just before the JVM is launched). Log in $RUN_DIR/NAME.log.
start_app() {
	local name=$1 port=$2
	shift 2
	APP_START_MS=$(now_ms)
	# shellcheck disable=SC2086
	java $APP_JAVA_OPTS -jar "$BENCH_JAR" --server.port="$port" --server.address=127.0.0.1 \
		--example.instance-id="$name" "$@" >"$RUN_DIR/$name.log" 2>&1 &
	APP_PID=$!
	remember "$APP_PID"
}

# await_ready PORT SECONDS [PID]: poll GET /monitor/l7check every 50 ms until 200; sets READY_MS.
await_ready() {
	local port=$1 pid=${3:-} deadline=$(($(now_ms) + $2 * 1000))
	while :; do
		if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/monitor/l7check")" = 200 ]; then
			READY_MS=$(now_ms)
			return 0
		fi
		if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
			echo "the application (pid $pid) died before answering on port $port" >&2
			return 1
		fi
		[ "$(now_ms)" -lt "$deadline" ] || { echo "no 200 from port $port within $2 s" >&2; return 1; }
		sleep 0.05
	done
}

# bean_state PORT BEAN: the state of a dynamic bean from /actuator/dynamicbeans/BEAN.
bean_state() {
	# The bean's own state comes first; its details (a memcached cluster's nodes) have states too.
	curl -s -m 2 -u "$DEMO_USER:$DEMO_PASSWORD" "http://127.0.0.1:$1/actuator/dynamicbeans/$2" \
		| grep -o '"state":"[A-Z_]*"' | head -n 1 | cut -d '"' -f 4
}

# await_bean_state PORT BEAN STATE SECONDS
await_bean_state() {
	local deadline=$(($(now_ms) + $4 * 1000))
	until [ "$(bean_state "$1" "$2")" = "$3" ]; do
		[ "$(now_ms)" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}

# cpu_ticks PID: user + system CPU time of a process so far, in clock ticks (see cpu_tick_us).
cpu_ticks() {
	if [ "$1" -gt 0 ] && [ -r "/proc/$1/stat" ]; then
		awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
	else
		echo 0
	fi
}

# thread_cpu_ticks PID: CPU ticks so far per group of threads of a process ("<name>\t<ticks>", the
# digits in thread names replaced by #, so that Tomcat's workers or GC threads add up).
thread_cpu_ticks() {
	local task
	for task in /proc/"$1"/task/*; do
		awk -v name="$(cat "$task/comm" 2>/dev/null)" '{ sub(/^.*\) /, ""); gsub(/[0-9]+/, "#", name); print name "\t" $12 + $13 }' \
			"$task/stat" 2>/dev/null
	done | awk -F'\t' '{ ticks[$1] += $2 } END { for (name in ticks) print name "\t" ticks[name] }' | sort
}

# thread_cpu_per_request BEFORE_FILE AFTER_FILE REQUESTS: "<name> <us per request>" per thread group.
thread_cpu_per_request() {
	join -t $'\t' -a 2 -e 0 -o 0,1.2,2.2 "$1" "$2" | awk -F'\t' -v requests="$3" -v tick="$(cpu_tick_us)" '
		{ d = $3 - $2; if (d > 0) printf "%s\t%.1f\n", $1, d * tick / requests; total += d }
		END { printf "TOTAL\t%.1f\n", total * tick / requests }' | sort -t $'\t' -k2 -g -r
}

# cpu_tick_us: microseconds per clock tick.
cpu_tick_us() {
	echo $((1000000 / $(getconf CLK_TCK)))
}

# --- HTTP clients --------------------------------------------------------------------------------

# login BASE_URL COOKIE_JAR: the standard form login as the demo user; 0 when logged in.
login() {
	local base=$1 jar=$2 csrf location
	rm -f "$jar"
	csrf=$(curl -s -m 5 -c "$jar" -b "$jar" "$base/login" \
		| sed -n 's/.*name="_csrf" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
	[ -n "$csrf" ] || return 1
	location=$(curl -s -m 5 -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
		--data-urlencode "username=$DEMO_USER" --data-urlencode "password=$DEMO_PASSWORD" \
		--data-urlencode "_csrf=$csrf" "$base/login")
	[ -n "$location" ] && [[ "$location" != *error* ]] && [[ "$location" != */login* ]]
}

# session_cookie COOKIE_JAR: "SESSION=<value>" from a curl cookie jar.
session_cookie() {
	awk '$6 == "SESSION" { print "SESSION=" $7 }' "$1" | tail -n 1
}

# login_sessions BASE_URL COUNT FILE: log in COUNT times, one "SESSION=..." cookie a line in FILE.
login_sessions() {
	local base=$1 count=$2 file=$3 i jar="$RUN_DIR/login.jar"
	: >"$file"
	for i in $(seq 1 "$count"); do
		login "$base" "$jar" || { echo "login $i at $base failed" >&2; return 1; }
		session_cookie "$jar" >>"$file"
	done
}

# --- cache statistics ------------------------------------------------------------------------------

# mc_stats PORT: memcached's "stats" as "STAT name value" lines (empty when it does not answer in 2 s).
mc_stats() {
	local fd line
	{ exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
	printf 'stats\r\n' >&"$fd"
	while IFS= read -r -t 2 line <&"$fd"; do
		line=${line%$'\r'}
		[ "$line" = END ] && break
		echo "$line"
	done
	exec {fd}>&-
}

# mc_value_bytes PORT KEY: the length in bytes of the value of KEY in memcached (empty when it is
# missing or the server does not answer in 2 s).
mc_value_bytes() {
	local fd line
	{ exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
	printf 'get %s\r\n' "$2" >&"$fd"
	IFS= read -r -t 2 line <&"$fd" || true
	exec {fd}>&-
	line=${line%$'\r'}
	[[ $line == VALUE* ]] && awk '{ print $4 }' <<<"$line"
	return 0
}

# session_id COOKIE: the session id in a "SESSION=<base64>" cookie, as Spring Session encodes it.
session_id() {
	base64 -d <<<"${1#SESSION=}" 2>/dev/null || true
}

# mc_stat PORT NAME: one memcached statistic, e.g. mc_stat 11211 curr_items
mc_stat() {
	mc_stats "$1" | awk -v name="$2" '$2 == name { print $3 }'
}

# mc_operations PORT: memcached commands served so far (get, set, delete, touch and friends).
# memcached counts a cas in cmd_set and again in cas_hits / cas_misses / cas_badval: only cmd_set is summed.
mc_operations() {
	mc_stats "$1" | awk '$2 ~ /^(cmd_get|cmd_set|cmd_touch|cmd_flush|delete_hits|delete_misses|incr_hits|incr_misses|decr_hits|decr_misses)$/ { n += $3 } END { print n + 0 }'
}

# redis_commands PORT: Redis commands served so far, the INFO and CONFIG calls of the scripts excepted.
redis_commands() {
	redis-cli -p "$1" info commandstats \
		| awk -F'[:=,]' '/^cmdstat_/ && $1 != "cmdstat_info" && $1 !~ /^cmdstat_config/ { n += $3 } END { print n + 0 }'
}

# redis_command_breakdown PORT: "hgetall=22 exists=22 ..." for the report.
redis_command_breakdown() {
	redis-cli -p "$1" info commandstats \
		| awk -F'[:=,]' '/^cmdstat_/ && $1 != "cmdstat_info" && $1 !~ /^cmdstat_config/ { sub("cmdstat_", "", $1); printf "%s=%s ", $1, $3 }'
}

# --- wrk -------------------------------------------------------------------------------------------

# run_wrk ARGS... : wrk with bench/wrk/sessions.lua; prints its RESULT line (see the script). With
# PACE_MS set above 0, each connection pauses that many milliseconds before each request
# (bench/wrk/sessions-paced.lua).
# Usage: run_wrk -t2 -c16 -d20s http://127.0.0.1:PORT COOKIE_FILE [PATH]
run_wrk() {
	local options=() url cookies path script=(sessions.lua)
	while [[ "${1:-}" == -* ]]; do
		options+=("$1")
		shift
	done
	url=$1 cookies=$2 path=${3:-/bench/counter}
	if [ "${PACE_MS:-0}" != 0 ]; then
		script=(sessions-paced.lua "$PACE_MS")
	fi
	wrk "${options[@]}" --timeout 5s -s "$BENCH_HOME/wrk/${script[0]}" "$url" -- "$cookies" "$path" "${script[@]:1}" \
		| grep '^RESULT'
}

# field NAME < RESULT line: the value of NAME=value
field() {
	tr ' ' '\n' | awk -F= -v name="$1" '$1 == name { print $2 }'
}
