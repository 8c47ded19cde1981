#!/usr/bin/env bash
# Fault drill: bad input (docs/reliability.md, "Bad input").
#
# Four instances of the example application:
#
#   guarded  default profile (memcached), L7 switch allowed to 127.0.0.1/32 with a token
#   other    default profile, same memcached, no local copy of anyone's session
#   redis    profile redis
#   jdbc     profile jdbc (embedded H2)
#
# 1. Malformed session cookies (bench/tools/bad_input.py cookies): COOKIES requests per instance
#    with garbage, overlong, non-base64, SQL-, JNDI-, SpEL- and memcached/Redis-command-looking
#    values, control characters HTTP allows (tab, obs-text) and some it does not (NUL, DEL, CR),
#    on /bench/counter, /session, /, /monitor/l7check, /login and /actuator/health.
# 2. Poisoned cache entries (bench/tools/PoisonEntries.java): POISONED users log in through
#    "guarded"; then each one's memcached entry is overwritten with one of 18 kinds of poison
#    (garbage, empty, truncated, another session's id, classes outside the allow-list such as a
#    PriorityQueue, a HashMap keyed by a URL (the URLDNS shape), BadAttributeValueExpException, a
#    class the application does not have, nesting, array length and reference limits, 2 MB
#    values; memcached runs with -I 4m so that it stores them); each user then calls
#    GET /bench/counter on "other" (which can only read memcached: expected, logged out: 401, or a redirect to
#    /login for a browser)
#    and on "guarded" (expected, 200 from its local fallback copy).
# 3. Unauthorized L7 PUTs (bench/tools/bad_input.py l7) on "guarded": from 127.0.0.2 and 127.0.0.3
#    (not allowed), and from 127.0.0.1 without the right token; with spoofed X-Forwarded-For,
#    Forwarded, X-Real-IP; both directions (UP to DOWN and DOWN to UP), the state checked after
#    every PUT, after a positive control with the right client and token.
#
# Counted: crashes (an instance not alive or not answering at the end), 5xx, L7 state changes,
# poisoned entries not refused, and whether the canary items in memcached and Redis survived
# (no command injection such as flush_all).
#
# Targets: zero crashes, zero 5xx, zero L7 state changes; every poisoned entry refused.
#
# Usage: bench/drill-bad-input.sh      (COOKIES=1200 per instance, POISONED=100: about 5 minutes)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

COOKIES=${COOKIES:-1200}
POISONED=${POISONED:-100}
TOKEN="bench-l7-token-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
TOOLS="$BENCH_HOME/tools"

bench_init drill-bad-input

MC_PORT=$(free_port)
start_memcached "$MC_PORT" -I 4m
REDIS_PORT=$(free_port)
start_redis "$REDIS_PORT"
declare -A PORT PID
for name in guarded other redis jdbc; do
	PORT[$name]=$(free_port)
done
start_app guarded "${PORT[guarded]}" --dynamic-bean.memcached.servers="127.0.0.1:$MC_PORT" \
	--dynamic-bean.l7check.allowed-addresses=127.0.0.1 --dynamic-bean.l7check.token="$TOKEN"
PID[guarded]=$APP_PID
start_app other "${PORT[other]}" --dynamic-bean.memcached.servers="127.0.0.1:$MC_PORT"
PID[other]=$APP_PID
start_app redis "${PORT[redis]}" --spring.profiles.active=redis --spring.data.redis.host=127.0.0.1 \
	--spring.data.redis.port="$REDIS_PORT"
PID[redis]=$APP_PID
start_app jdbc "${PORT[jdbc]}" --spring.profiles.active=jdbc
PID[jdbc]=$APP_PID
for name in guarded other redis jdbc; do
	await_ready "${PORT[$name]}" 300 "${PID[$name]}"
done
log "guarded on ${PORT[guarded]}, other on ${PORT[other]}, redis on ${PORT[redis]}, jdbc on ${PORT[jdbc]}; memcached $MC_PORT, Redis $REDIS_PORT"

# Canaries: a command injected through a session id (flush_all, FLUSHALL, DEL) would remove them.
printf 'set bench-canary 0 0 5\r\nalive\r\n' | timeout 5 bash -c "cat > /dev/tcp/127.0.0.1/$MC_PORT"
redis-cli -p "$REDIS_PORT" set bench-canary alive >/dev/null

total_5xx=0
echo
echo "1. Malformed session cookies ($COOKIES per instance)"
for name in guarded redis jdbc; do
	python3 "$TOOLS/bad_input.py" cookies "${PORT[$name]}" "$COOKIES" >"$RUN_DIR/cookies-$name.txt"
	counts=$(grep '^COUNTS' "$RUN_DIR/cookies-$name.txt")
	echo "  $name: $(grep '  statuses:' "$RUN_DIR/cookies-$name.txt" | sed 's/^ *//') ($counts)"
	total_5xx=$((total_5xx + $(field s5xx <<<"$counts")))
done
echo "  per category: bench/target/drill-bad-input/cookies-*.txt"

echo
echo "2. Poisoned cache entries ($POISONED)"
login_sessions "http://127.0.0.1:${PORT[guarded]}" "$POISONED" "$RUN_DIR/poisoned-cookies.txt"
sed 's/^SESSION=//' "$RUN_DIR/poisoned-cookies.txt" | while read -r value; do
	base64 -d <<<"$value"
	echo
done >"$RUN_DIR/poisoned-ids.txt"
# Each session's entry exists before it is overwritten (the logins went to memcached).
java "$TOOLS/PoisonEntries.java" "$MC_PORT" "dynamic-bean:session:" "$RUN_DIR/poisoned-ids.txt" \
	>"$RUN_DIR/poison-planted.txt"
echo "  planted: $(awk '{ print $2 }' "$RUN_DIR/poison-planted.txt" | sort | uniq -c | awk '{ printf "%s %s, ", $2, $1 }')"
for name in other guarded; do
	python3 "$TOOLS/bad_input.py" requests "${PORT[$name]}" "$RUN_DIR/poisoned-cookies.txt" >"$RUN_DIR/poisoned-$name.txt"
	counts=$(grep '^COUNTS' "$RUN_DIR/poisoned-$name.txt")
	echo "  then GET /bench/counter on $name: ${counts#COUNTS }"
	total_5xx=$((total_5xx + $(field s5xx_total <<<"$counts")))
done
guarded_200=$(grep '^COUNTS' "$RUN_DIR/poisoned-guarded.txt" | field s200)
ignored_other=$(grep -c 'Ignoring session entry' "$RUN_DIR/other.log" || true)
ignored_guarded=$(grep -c 'Ignoring session entry' "$RUN_DIR/guarded.log" || true)
echo "  'Ignoring session entry' WARN lines: other $ignored_other, guarded $ignored_guarded; reasons (other):"
grep -h 'Ignoring session entry' "$RUN_DIR/other.log" \
	| sed -n 's/.* bytes): \(.*\); treated as no session.*/\1/p' \
	| sed -E 's/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/g; s/\(java\.[^)]*\)//g' | cut -c1-110 | sort | uniq -c | sort -rn | sed 's/^/    /'
for name in guarded other; do
	echo "  memcachedSessionRepository on $name: $(bean_state "${PORT[$name]}" memcachedSessionRepository) (poison is not an outage)"
done
# Refused means: "other" logged it as ignored on its first read (a poisoned entry it accepted would
# be served, and written back re-encoded, which "guarded" could then refuse for other reasons).
logged_out=$(awk '$NF == 302 || $NF == 401' "$RUN_DIR/poisoned-other.txt" | wc -l)
while read -r id kind _; do
	if grep -q "Ignoring session entry 'dynamic-bean:session:$id'" "$RUN_DIR/other.log"; then
		echo "$kind refused"
	else
		echo "$kind ACCEPTED"
	fi
done <"$RUN_DIR/poison-planted.txt" | sort | uniq -c | awk '{ print $2, $3, $1 }' >"$RUN_DIR/poison-outcomes.txt"
refused=$(awk '$2 == "refused" { n += $3 } END { print n + 0 }' "$RUN_DIR/poison-outcomes.txt")
accepted_kinds=$(awk '$2 == "ACCEPTED" { printf "%s (%s) ", $1, $3 }' "$RUN_DIR/poison-outcomes.txt")
echo "  refused on first read by other: $refused of $POISONED; accepted: ${accepted_kinds:-none}; other answered 401/302 (logged out) to $logged_out of $POISONED"

echo
echo "3. Unauthorized L7 PUTs (allowed: 127.0.0.1/32 with the token)"
python3 "$TOOLS/bad_input.py" l7 "${PORT[guarded]}" "$TOKEN" >"$RUN_DIR/l7.txt"
sed 's/^/  /' "$RUN_DIR/l7.txt" | grep -v COUNTS
l7_counts=$(grep '^COUNTS' "$RUN_DIR/l7.txt")
echo "  ${l7_counts#COUNTS }"
l7_changes=$(field state_changes <<<"$l7_counts")
l7_5xx=$(field s5xx <<<"$l7_counts")
[ -n "$l7_changes" ] || l7_changes=control-failed
total_5xx=$((total_5xx + ${l7_5xx:-0}))
refusals_logged=$(grep -c 'Refused to change the L7 check' "$RUN_DIR/guarded.log" || true)
echo "  refusals logged at WARN by guarded: $refusals_logged"

echo
echo "After the drill:"
crashes=0
for name in guarded other redis jdbc; do
	alive=no answering=no
	kill -0 "${PID[$name]}" 2>/dev/null && alive=yes
	[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:${PORT[$name]}/monitor/l7check")" = 200 ] && answering=yes
	[ "$alive$answering" = yesyes ] || crashes=$((crashes + 1))
	echo "  $name: process alive $alive, L7 check 200 $answering, ERROR log lines $(grep -c ' ERROR ' "$RUN_DIR/$name.log" || true)"
done
mc_canary=$(printf 'get bench-canary\r\nquit\r\n' | timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$MC_PORT; cat >&3; cat <&3" | grep -c alive || true)
redis_canary=$(redis-cli -p "$REDIS_PORT" get bench-canary)
echo "  memcached canary present: $mc_canary (flushes: $(mc_stat "$MC_PORT" cmd_flush)); Redis canary: ${redis_canary:-missing}"

target_check "zero crashes ($crashes)" "$crashes == 0"
target_check "zero 5xx ($total_5xx)" "$total_5xx == 0"
target_check "zero L7 state changes ($l7_changes)" "\"$l7_changes\" == \"0\""
target_check "every poisoned entry refused by the instance without a copy ($refused of $POISONED; accepted: ${accepted_kinds:-none})" \
	"$refused == $POISONED"
target_check "no poisoned user served as logged in by the instance without a copy ($logged_out of $POISONED logged out)" \
	"$logged_out == $POISONED"
target_check "every poisoned user still served by the instance with a copy ($guarded_200 of $POISONED)" \
	"${guarded_200:-0} == $POISONED"
target_check "canaries intact (memcached $mc_canary, Redis ${redis_canary:-missing})" \
	"$mc_canary == 1 && \"${redis_canary:-}\" == \"alive\""
bench_finish
