#!/usr/bin/env bash
# Runs every test of dynamic-bean, unit and integration.
#
# The integration tests start real memcached, redis-server (with a replica and Sentinel), haproxy and
# PostgreSQL (initdb and pg_ctl from /usr/lib/postgresql/<version>/bin) processes on free loopback
# ports. When one of those binaries is missing this script installs it through the system package
# manager if it can (root or password-less sudo with apt-get); otherwise the tests that need it fail
# and print the install line to run.
#
# Usage: scripts/test.sh [extra maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# The paths the tests start the servers from (a test fails with the install line when its server is missing).
declare -A package_of=([/usr/bin/memcached]=memcached [/usr/bin/redis-server]=redis-server
	[/usr/bin/redis-cli]=redis-tools [/usr/sbin/haproxy]=haproxy)
missing=()
for binary in /usr/bin/memcached /usr/bin/redis-server /usr/bin/redis-cli /usr/sbin/haproxy; do
	[ -x "$binary" ] || missing+=("${package_of[$binary]}")
done
# PostgreSQL's server binaries are not on the PATH: Debian puts them under /usr/lib/postgresql/<version>/bin.
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
	if command -v apt-get >/dev/null 2>&1 && { [ -z "$sudo" ] || sudo -n true 2>/dev/null; }; then
		echo "Installing test servers: ${missing[*]}"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
	else
		echo "WARNING: cannot install ${missing[*]}; integration tests will fail." >&2
		echo "Install them with: sudo apt-get install ${missing[*]}" >&2
	fi
fi

exec ./mvnw -B verify "$@"
