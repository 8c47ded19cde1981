#!/usr/bin/env bash
# Fault drill: consecutive boots with the session store down (docs/reliability.md, "Boots with the
# store down").
#
# BOOTS consecutive boots of the example application per store, each pointed at a loopback port
# nobody listens on (connection refused):
#
#   memcached  default profile, dynamic-bean.memcached.servers=127.0.0.1:<closed>
#   redis      profile redis,   spring.data.redis.port=<closed>
#   jdbc       profile jdbc,    spring.datasource.url=jdbc:h2:tcp://127.0.0.1:<closed>/mem:sessions
#
# A boot counts as serving when GET /monitor/l7check answers 200 within 180 s, the demo user can
# log in through the form, and GET /session answers 200 with "store":"local". The application is
# stopped (SIGTERM, graceful) as soon as that is known.
#
# Target: every boot serves.
#
# Usage: bench/drill-boot-store-down.sh            (BOOTS=20, STORES="memcached redis jdbc":
#                                                   about 12 minutes)
#        BOOTS=3 STORES=redis bench/drill-boot-store-down.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BOOTS=${BOOTS:-20}
STORES=${STORES:-memcached redis jdbc}

bench_init drill-boot-store-down

CLOSED_PORT=$(free_port)
APP_PORT=$(free_port)
base="http://127.0.0.1:$APP_PORT"
log "$BOOTS boots per store; stores on closed port $CLOSED_PORT; application on $APP_PORT"

RESULTS="$RUN_DIR/results.txt"
: >"$RESULTS"
for store in $STORES; do
	case $store in
		memcached) args=(--dynamic-bean.memcached.servers="127.0.0.1:$CLOSED_PORT") ;;
		redis) args=(--spring.profiles.active=redis --spring.data.redis.host=127.0.0.1
			--spring.data.redis.port="$CLOSED_PORT") ;;
		jdbc) args=(--spring.profiles.active=jdbc
			--spring.datasource.url="jdbc:h2:tcp://127.0.0.1:$CLOSED_PORT/mem:sessions") ;;
		*) echo "unknown store $store" >&2; exit 2 ;;
	esac
	for boot in $(seq 1 "$BOOTS"); do
		name="$store-$boot"
		start_app "$name" "$APP_PORT" "${args[@]}"
		outcome=failed ready_ms=nan served=no store_seen=none
		if await_ready "$APP_PORT" 180 "$APP_PID" 2>>"$RUN_DIR/$name.log"; then
			ready_ms=$((READY_MS - APP_START_MS))
			if login "$base" "$RUN_DIR/$name.jar"; then
				answer=$(curl -s -m 5 -b "$RUN_DIR/$name.jar" -w ' %{http_code}' "$base/session" || true)
				store_seen=$(sed -n 's/.*"store":"\([a-z]*\)".*/\1/p' <<<"$answer")
				[ "${answer##* }" = 200 ] && [ "$store_seen" = local ] && served=yes
			fi
		fi
		[ "$served" = yes ] && outcome=served
		stop_process "$APP_PID"
		warnings=$(grep -c ' WARN ' "$RUN_DIR/$name.log" || true)
		errors=$(grep -c ' ERROR ' "$RUN_DIR/$name.log" || true)
		printf '%-10s boot %2s: %-7s ready after %6s ms, session store %-6s (%s WARN, %s ERROR lines)\n' \
			"$store" "$boot" "$outcome" "$ready_ms" "$store_seen" "$warnings" "$errors"
		echo "$store $boot $outcome $ready_ms $warnings $errors" >>"$RESULTS"
	done
done

echo
echo "Summary:"
for store in $STORES; do
	served=$(awk -v s="$store" '$1 == s && $3 == "served"' "$RESULTS" | wc -l)
	median_ms=$(awk -v s="$store" '$1 == s && $3 == "served" { print $4 }' "$RESULTS" | median)
	echo "  $store down: $served of $BOOTS boots served (median ready $median_ms ms);" \
		"WARN lines per boot: $(awk -v s="$store" '$1 == s { print $5 }' "$RESULTS" | sort -n | uniq -c | awk '{ printf "%s x %s  ", $1, $2 }')" \
		"ERROR lines: $(awk -v s="$store" '$1 == s { n += $6 } END { print n + 0 }' "$RESULTS")"
	target_check "$store down: every boot serves ($served of $BOOTS)" "$served == $BOOTS"
done
bench_finish
