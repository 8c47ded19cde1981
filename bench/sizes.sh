#!/usr/bin/env bash
# How a request's cost grows with the session (issue 21; docs/benchmarks.md, "How the cost grows
# with the session"): our memcached store against plain Spring Session Redis, side by side in one
# run, for sessions padded with 1, 10 and 50 attributes holding 2 KB and 20 KB in all.
#
# Configurations, each an instance of the example application with a store server of its own, up
# for the whole run:
#
#   memcached            our memcached store, its defaults (decoded-value cache on, compact values)
#   memcached-cold       the same with the decoded-value cache off
#                        (dynamic-bean.memcached.decoded-value-cache-size=0): every request decodes
#                        every value it reads, as at scale, when an instance sees more active users
#                        than its cache holds (see overhead.sh)
#   memcached-java       on request: values written with Java serialization
#                        (dynamic-bean.memcached.compact-values=false)
#   memcached-java-cold  on request: the same with the decoded-value cache off
#   plain-redis          Spring Session Redis the standard way, without our front (profile
#                        plain-redis: @EnableRedisHttpSession over Lettuce with its defaults); it
#                        deserializes every attribute of every session it loads
#
# For each size in SIZES (ATTRIBUTES:BYTES), every configuration logs SESSIONS users in afresh
# and pads each session with ATTRIBUTES string attributes of BYTES / ATTRIBUTES characters
# (GET /bench/pad of bench-webapp); the measured request is GET /bench/pad/counter, which reads
# every attribute of the session (the padding, the login, the counter) and changes exactly one
# (the counter). Each size then warms every configuration up for WARMUP and measures ROUNDS
# rounds of DURATION each (wrk -t THREADS -c CONNECTIONS), the order rotating from round to round,
# with the application's CPU time per request (from /proc). Before the first size, every
# configuration is warmed up for FIRST_WARMUP. After the rounds of a size: the round trips per
# request, counted exactly over SEQUENTIAL requests of one session sent one after the other, and
# the bytes of a session's item in memcached.
#
# Target (issue 21): every memcached configuration ahead of plain-redis in median req/s at every
# size; no error, lost login or 5xx in a measured window; no store switch-out.
#
# Usage: bench/sizes.sh     (ROUNDS=3 FIRST_WARMUP=30s WARMUP=5s DURATION=10s THREADS=2
#                            CONNECTIONS=16 SESSIONS=32 SEQUENTIAL=50; about 25 minutes)
#        SIZES="10:20000" bench/sizes.sh                     one size
#        CONFIGS="memcached-cold memcached-java-cold plain-redis" bench/sizes.sh   compact values
#                            against Java serialization, cold
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-3}
FIRST_WARMUP=${FIRST_WARMUP:-30s}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
SESSIONS=${SESSIONS:-32}
SEQUENTIAL=${SEQUENTIAL:-50}
read -r -a SIZES <<<"${SIZES:-1:2000 10:2000 50:2000 1:20000 10:20000 50:20000}"
read -r -a CONFIGS <<<"${CONFIGS:-memcached memcached-cold plain-redis}"
ENDPOINT=/bench/pad/counter
# The memcached configurations: configuration -> the arguments it adds to the defaults.
declare -A MEMCACHED_ARGS=(
	[memcached]=""
	[memcached-cold]="--dynamic-bean.memcached.decoded-value-cache-size=0"
	[memcached-java]="--dynamic-bean.memcached.compact-values=false"
	[memcached-java-cold]="--dynamic-bean.memcached.compact-values=false --dynamic-bean.memcached.decoded-value-cache-size=0"
)
for config in "${CONFIGS[@]}"; do
	if [ "$config" != plain-redis ] && [ -z "${MEMCACHED_ARGS[$config]+set}" ]; then
		echo "unknown configuration $config (known: ${!MEMCACHED_ARGS[*]} plain-redis)" >&2
		exit 2
	fi
done

bench_init sizes

declare -A PORT PID SERVER_PORT SERVER_PID
for config in "${CONFIGS[@]}"; do
	SERVER_PORT[$config]=$(free_port)
	if [ "$config" = plain-redis ]; then
		start_redis "${SERVER_PORT[$config]}"
		SERVER_PID[$config]=$REDIS_PID
	else
		start_memcached "${SERVER_PORT[$config]}"
		SERVER_PID[$config]=$MEMCACHED_PID
	fi
done
# One after the other: JVMs booting at once on two cores can make a first connection time out.
for config in "${CONFIGS[@]}"; do
	PORT[$config]=$(free_port)
	if [ "$config" = plain-redis ]; then
		start_app "$config" "${PORT[$config]}" --spring.profiles.active=plain-redis \
			--example.session.plain-redis.host=127.0.0.1 --example.session.plain-redis.port="${SERVER_PORT[$config]}"
	else
		# shellcheck disable=SC2086 # the arguments are words
		start_app "$config" "${PORT[$config]}" --dynamic-bean.memcached.servers="127.0.0.1:${SERVER_PORT[$config]}" \
			${MEMCACHED_ARGS[$config]}
	fi
	PID[$config]=$APP_PID
	await_ready "${PORT[$config]}" 300 "$APP_PID"
done
for config in "${CONFIGS[@]}"; do
	[ "$config" = plain-redis ] && continue
	await_bean_state "${PORT[$config]}" memcachedSessionRepository ACTIVE 60 || { echo "$config store not active" >&2; exit 1; }
done

# round_trips CONFIG: store operations served so far.
round_trips() {
	if [ "$1" = plain-redis ]; then redis_commands "${SERVER_PORT[$1]}"; else mc_operations "${SERVER_PORT[$1]}"; fi
}

# switch_outs CONFIG: how often the store of CONFIG was switched out so far (a store that timed out
# under load is switched out and the instance serves local sessions: such a window does not measure
# the store). The store's front logs every switch-out at WARN.
switch_outs() {
	if [ "$1" = plain-redis ]; then echo 0; else grep -c "Session store .* switched out" "$RUN_DIR/$1.log" || true; fi
}

# prepare_size SIZE: log SESSIONS users into every configuration and pad their sessions.
prepare_size() {
	local size=$1 attributes=${1%%:*} bytes=${1##*:} config base cookie status
	for config in "${CONFIGS[@]}"; do
		base="http://127.0.0.1:${PORT[$config]}"
		login_sessions "$base" "$SESSIONS" "$RUN_DIR/cookies-$config-$size.txt"
		while read -r cookie; do
			status=$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H "Cookie: $cookie" \
				"$base/bench/pad?attributes=$attributes&bytes=$bytes")
			[ "$status" = 200 ] || { echo "$config: GET /bench/pad answered $status" >&2; exit 1; }
		done <"$RUN_DIR/cookies-$config-$size.txt"
		status=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Cookie: $(head -n 1 "$RUN_DIR/cookies-$config-$size.txt")" \
			"$base$ENDPOINT")
		[ "$status" = 200 ] || { echo "$config: GET $ENDPOINT answered $status; see $RUN_DIR/$config.log" >&2; exit 1; }
	done
	log "size $size: $SESSIONS sessions logged in and padded with $attributes attributes, $bytes bytes, in each configuration"
}

RESULTS="$RUN_DIR/results.txt"
: >"$RESULTS"
declare -A EXACT_RT ITEM_BYTES
for size in "${SIZES[@]}"; do
	prepare_size "$size"
	if [ "$size" = "${SIZES[0]}" ]; then
		log "first warm-up: $FIRST_WARMUP each"
		for config in "${CONFIGS[@]}"; do
			run_wrk -t"$THREADS" -c"$CONNECTIONS" -d"$FIRST_WARMUP" "http://127.0.0.1:${PORT[$config]}" \
				"$RUN_DIR/cookies-$config-$size.txt" "$ENDPOINT" >/dev/null
		done
	fi
	for round in $(seq 1 "$ROUNDS"); do
		order=("${CONFIGS[@]:$(((round - 1) % ${#CONFIGS[@]}))}" "${CONFIGS[@]:0:$(((round - 1) % ${#CONFIGS[@]}))}")
		for config in "${order[@]}"; do
			url="http://127.0.0.1:${PORT[$config]}"
			cookies="$RUN_DIR/cookies-$config-$size.txt"
			run_wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" "$cookies" "$ENDPOINT" >/dev/null
			app_before=$(cpu_ticks "${PID[$config]}")
			switch_outs_before=$(switch_outs "$config")
			result=$(run_wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$url" "$cookies" "$ENDPOINT")
			app_after=$(cpu_ticks "${PID[$config]}")
			switched=$(($(switch_outs "$config") - switch_outs_before))
			requests=$(field requests <<<"$result")
			app_us=$(calc "($app_after - $app_before) * $(cpu_tick_us) / $requests")
			socket_errors=$(($(field connect <<<"$result") + $(field read <<<"$result") + $(field write <<<"$result") + $(field timeout <<<"$result")))
			echo "$size $round $config $result socket_errors=$socket_errors app_us=$app_us switched_out=$switched" >>"$RESULTS"
			log "size $size round $round $config: $(field rps <<<"$result") req/s, p99 $(field p99_ms <<<"$result") ms," \
				"application $app_us us/request, $switched switch-out(s)"
		done
	done
	for config in "${CONFIGS[@]}"; do
		url="http://127.0.0.1:${PORT[$config]}$ENDPOINT"
		cookie=$(head -n 1 "$RUN_DIR/cookies-$config-$size.txt")
		[ "$config" = plain-redis ] && redis-cli -p "${SERVER_PORT[$config]}" config resetstat >/dev/null
		before=$(round_trips "$config")
		curl -s -H "Cookie: $cookie" $(for _ in $(seq 1 "$SEQUENTIAL"); do echo "$url"; done) >/dev/null
		after=$(round_trips "$config")
		EXACT_RT[$config $size]=$(calc "($after - $before) / $SEQUENTIAL")
		if [ "$config" != plain-redis ]; then
			ITEM_BYTES[$config $size]=$(mc_value_bytes "${SERVER_PORT[$config]}" "dynamic-bean:session:$(session_id "$cookie")")
		fi
	done
done

# of SIZE CONFIG NAME: the values of NAME over the rounds of CONFIG at SIZE.
of() {
	grep "^$1 [0-9]* $2 RESULT " "$RESULTS" | while read -r line; do field "$3" <<<"$line"; done
}

echo
echo "Medians over $ROUNDS rounds of GET $ENDPOINT per size (wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $SESSIONS sessions;"
echo "req/s, then application CPU us per request; round trips per request exact over $SEQUENTIAL sequential requests):"
header="| attributes | bytes |"
rule="| ---: | ---: |"
for config in "${CONFIGS[@]}"; do
	header="$header $config req/s | CPU µs | round trips |"
	rule="$rule ---: | ---: | ---: |"
done
for config in "${CONFIGS[@]}"; do
	[ "$config" = plain-redis ] && continue
	header="$header $config item bytes |"
	rule="$rule ---: |"
	if [[ " ${CONFIGS[*]} " == *" plain-redis "* ]]; then
		header="$header $config / plain-redis |"
		rule="$rule ---: |"
	fi
done
echo "$header"
echo "$rule"
declare -A RPS
for size in "${SIZES[@]}"; do
	row="| ${size%%:*} | ${size##*:} |"
	for config in "${CONFIGS[@]}"; do
		RPS[$config $size]=$(of "$size" "$config" rps | median)
		row="$row $(printf '%.0f' "${RPS[$config $size]}") | $(printf '%.0f' "$(of "$size" "$config" app_us | median)") | ${EXACT_RT[$config $size]} |"
	done
	for config in "${CONFIGS[@]}"; do
		[ "$config" = plain-redis ] && continue
		row="$row ${ITEM_BYTES[$config $size]:-?} |"
		if [[ " ${CONFIGS[*]} " == *" plain-redis "* ]]; then
			ratio=$(printf '%.2f' "$(calc "${RPS[$config $size]} / ${RPS[plain-redis $size]}")")
			row="$row **$ratio** |"
			target_check "$config / plain-redis at ${size%%:*} attributes, ${size##*:} bytes = $ratio > 1" "$ratio > 1"
		fi
	done
	echo "$row"
done

switched_out=0
for config in "${CONFIGS[@]}"; do
	switched_out=$((switched_out + $(switch_outs "$config")))
done
if [ "$switched_out" -gt 0 ]; then
	echo
	echo "Windows during which a store was switched out (they measured local sessions, not the store):"
	grep -v ' switched_out=0$' "$RESULTS" | awk '{ print "  size " $1 ", round " $2 ", " $3 }'
fi
bad=$(awk '{ n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^(s3xx|s4xx|s5xx|lost|socket_errors)=/) { split($i, kv, "="); n += kv[2] } t += n } END { print t + 0 }' "$RESULTS")
target_check "stores stayed switched in during the run ($switched_out switch-outs)" "$switched_out == 0"
target_check "no socket error, 3xx, 4xx (lost login) or 5xx in any measured window ($bad)" "$bad == 0"
bench_finish
