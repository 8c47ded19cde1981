#!/usr/bin/env bash
# A real cluster of the example web application on this machine's loopback interface:
# memcached, two application instances (from the built jar) and HAProxy in front of them,
# balancing round-robin without stickiness and checking GET /monitor/l7check every second.
#
# Usage: scripts/cluster.sh up|down|status
#
#   up      build the jar if needed, start everything, wait until both instances are in rotation
#   down    stop everything (graceful, then forced after 20 s)
#   status  what runs, each instance's L7 check, and HAProxy's view of the instances
#
# Ports (environment variables, defaults in brackets): LB_PORT [8080] the load balancer,
# APP1_PORT [8081] and APP2_PORT [8082] the instances, MEMCACHED_PORT [11211] the memcached node
# (or MEMCACHED_PORTS, e.g. "11211 11212 11213", for a cluster of nodes), STATS_PORT [8404]
# HAProxy's statistics page. Pid files, logs and the HAProxy configuration go to RUN_DIR
# [example-webapp/target/cluster]. Extra application arguments: APP_ARGS (e.g. "--spring.profiles.active=redis").
#
# Try it:
#   scripts/cluster.sh up
#   curl -c /tmp/jar -b /tmp/jar -s localhost:8080/login >/dev/null   # or log in with a browser: demo/demo
#   curl -X PUT -H 'Content-Type: text/plain' -d DOWN localhost:8082/monitor/l7check   # drain app-2
#   scripts/cluster.sh status
#   scripts/cluster.sh down
set -euo pipefail
cd "$(dirname "$0")/.."

LB_PORT=${LB_PORT:-8080}
APP1_PORT=${APP1_PORT:-8081}
APP2_PORT=${APP2_PORT:-8082}
MEMCACHED_PORT=${MEMCACHED_PORT:-11211}
MEMCACHED_PORTS=${MEMCACHED_PORTS:-$MEMCACHED_PORT}
MEMCACHED_SERVERS=$(for port in $MEMCACHED_PORTS; do printf '127.0.0.1:%s,' "$port"; done | sed 's/,$//')
STATS_PORT=${STATS_PORT:-8404}
RUN_DIR=${RUN_DIR:-example-webapp/target/cluster}
APP_ARGS=${APP_ARGS:-}
# The executable jar, not the plain classes and test jars example-webapp also builds for bench/bench-webapp.
example_jar() {
	ls example-webapp/target/example-webapp-*.jar 2>/dev/null \
		| grep -v -e '-sources' -e '-javadoc' -e '-classes' -e '-tests' | head -n 1 || true
}
JAR=$(example_jar)

require() {
	if [ ! -x "$1" ] && ! command -v "$1" >/dev/null 2>&1; then
		echo "$(basename "$1") not found: run \`apt-get install $2\`" >&2
		exit 1
	fi
}

pid_of() {
	local file="$RUN_DIR/$1.pid"
	[ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null && cat "$file"
}

port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

await_ok() {
	local name=$1 url=$2 seconds=$3
	for _ in $(seq 1 $((seconds * 4))); do
		if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; then
			return 0
		fi
		sleep 0.25
	done
	echo "$name did not answer 200 at $url within $seconds s; see $RUN_DIR/$name.log" >&2
	return 1
}

# Kept out of the here-document below, which would eat its backslashes.
HAPROXY_DENY_MONITOR_SEGMENT='    http-request deny deny_status 403 if { path,url_dec -m reg -i (^|[/\\\\;])monitor([/\\\\;]|$) }'

haproxy_config() {
	cat <<EOF
global
    maxconn 512
    # http-request normalize-uri is experimental in HAProxy 2.6 (haproxy -v).
    expose-experimental-directives

defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    option redispatch
    retries 2

frontend web
    bind 127.0.0.1:$LB_PORT
    # Tell the instances that each request was relayed: they refuse a PUT on the L7 switch that
    # carries X-Forwarded-For from a proxy they do not trust (docs/l7check.md).
    option forwardfor
    # The L7 switch belongs to operators on the instances themselves, never to the public: deny
    # every spelling of /monitor that the instances could decode to it.
    http-request normalize-uri percent-decode-unreserved
    http-request normalize-uri path-strip-dot
    http-request normalize-uri path-strip-dotdot full
    http-request normalize-uri path-merge-slashes
    http-request deny deny_status 403 if { path,url_dec -m beg -i /monitor }
$HAPROXY_DENY_MONITOR_SEGMENT
    default_backend apps

backend apps
    balance roundrobin
    # Passive mode: routes on the affinity cookie the instances set while a session lives only
    # in their local store, never sets or strips it.
    cookie DYNAMIC_BEAN_ROUTE
    option httpchk GET /monitor/l7check
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
    server app-1 127.0.0.1:$APP1_PORT check cookie app-1
    server app-2 127.0.0.1:$APP2_PORT check cookie app-2

listen stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /stats
EOF
}

start_app() {
	local name=$1 port=$2
	# shellcheck disable=SC2086
	nohup java -Xmx256m -jar "$JAR" --server.port="$port" --server.address=127.0.0.1 \
		--example.instance-id="$name" --dynamic-bean.session.affinity.route="$name" \
		--dynamic-bean.memcached.servers="$MEMCACHED_SERVERS" \
		--dynamic-bean.l7check.allowed-addresses=127.0.0.1,::1 $APP_ARGS \
		>"$RUN_DIR/$name.log" 2>&1 &
	echo $! >"$RUN_DIR/$name.pid"
}

up() {
	require /usr/bin/memcached memcached
	require /usr/sbin/haproxy haproxy
	require curl curl
	if [ -n "$(pid_of haproxy || true)$(pid_of app-1 || true)$(pid_of app-2 || true)$(memcached_pids)" ]; then
		echo "The cluster is already (partly) running: scripts/cluster.sh status, or scripts/cluster.sh down" >&2
		exit 1
	fi
	for port in "$LB_PORT" "$APP1_PORT" "$APP2_PORT" $MEMCACHED_PORTS "$STATS_PORT"; do
		port_free "$port" || { echo "Port $port is taken; choose others with LB_PORT, APP1_PORT, ..." >&2; exit 1; }
	done
	if [ -z "$JAR" ]; then
		echo "Building the application jar..."
		./mvnw -q -pl example-webapp -am package -DskipTests
		JAR=$(example_jar)
	fi
	mkdir -p "$RUN_DIR"
	for port in $MEMCACHED_PORTS; do
		/usr/bin/memcached -d -l 127.0.0.1 -p "$port" -U 0 -m 64 -u "$(id -un)" \
			-P "$(cd "$RUN_DIR" && pwd)/$(memcached_name "$port").pid"
	done
	start_app app-1 "$APP1_PORT"
	start_app app-2 "$APP2_PORT"
	haproxy_config >"$RUN_DIR/haproxy.cfg"
	/usr/sbin/haproxy -D -p "$RUN_DIR/haproxy.pid" -f "$RUN_DIR/haproxy.cfg" 2>"$RUN_DIR/haproxy.log"
	await_ok app-1 "http://127.0.0.1:$APP1_PORT/monitor/l7check" 120
	await_ok app-2 "http://127.0.0.1:$APP2_PORT/monitor/l7check" 120
	for _ in $(seq 1 40); do
		[ "$(haproxy_view | grep -c ', UP,')" = 2 ] && break
		sleep 0.25
	done
	echo "Cluster up: http://localhost:$LB_PORT/ (log in as demo/demo); HAProxy stats at http://localhost:$STATS_PORT/stats"
	echo "Instances: app-1 on $APP1_PORT, app-2 on $APP2_PORT; memcached on $MEMCACHED_SERVERS; run directory $RUN_DIR"
}

# The name of the memcached node on a port: "memcached" for a single node, "memcached-PORT" in a cluster.
memcached_name() {
	if [ "$(echo $MEMCACHED_PORTS | wc -w)" = 1 ]; then
		echo memcached
	else
		echo "memcached-$1"
	fi
}

memcached_pids() {
	for port in $MEMCACHED_PORTS; do
		pid_of "$(memcached_name "$port")" || true
	done
}

haproxy_view() {
	curl -s -m 2 "http://127.0.0.1:$STATS_PORT/stats;csv" \
		| awk -F, '$1 == "apps" && $2 ~ /^app-/ { print "  " $2 ", " $18 ", last check " $37 }'
}

stop_one() {
	local name=$1 pid
	pid=$(pid_of "$name" || true)
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 80); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.25
		done
		kill -9 "$pid" 2>/dev/null || true
		echo "stopped $name (pid $pid)"
	fi
	rm -f "$RUN_DIR/$name.pid"
}

down() {
	stop_one haproxy
	stop_one app-1
	stop_one app-2
	for port in $MEMCACHED_PORTS; do
		stop_one "$(memcached_name "$port")"
	done
}

status() {
	for name in $(for port in $MEMCACHED_PORTS; do memcached_name "$port"; done) app-1 app-2 haproxy; do
		pid=$(pid_of "$name" || true)
		if [ -n "$pid" ]; then
			printf '%-10s running, pid %s\n' "$name" "$pid"
		else
			printf '%-10s not running\n' "$name"
		fi
	done
	for pair in "app-1:$APP1_PORT" "app-2:$APP2_PORT"; do
		name=${pair%%:*}
		port=${pair##*:}
		printf '%-10s L7 check: %s\n' "$name" "$(curl -s -m 2 "http://127.0.0.1:$port/monitor/l7check" || echo unreachable)"
	done
	if [ -n "$(pid_of haproxy || true)" ]; then
		echo "HAProxy's view (server, status, last check):"
		haproxy_view
	fi
}

case "${1:-}" in
	up) up ;;
	down) down ;;
	status) status ;;
	*)
		echo "Usage: $0 up|down|status" >&2
		exit 2
		;;
esac
