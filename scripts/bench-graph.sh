#!/usr/bin/env bash
# Graph scale: how long start-up generation takes for 1,000 and 10,000 trivial generators arranged
# as one chain, as chains of ten, and as a fan (one root, every other generator depending on it).
# Target (issues 2 and 5): 10,000 generators resolved and registered in under one second, growing
# linearly (10,000 / 1,000 ratio about 10).
#
# Builds dynamic-bean-benchmarks (target/benchmarks.jar), runs the JMH benchmark
# io.dynamicbean.benchmark.GraphScaleBenchmark and prints, per shape, the median single-shot time
# of each size and the 10,000 / 1,000 ratio. Also measured in the same run:
#   - the control: Spring registering as many beans the way the engine's registrar does, without
#     the engine (springRegistrationOnly);
#   - the same graphs with their heads down (the heads fail, every other generator waits), the
#     start-up the library exists for.
# Takes about 5 minutes on 2 shared cores. Results: dynamic-bean-benchmarks/target/bench-graph/.
#
# Usage: scripts/bench-graph.sh
# Environment: FORKS (default 2) JVM forks per configuration; set FORKS=1 for a quicker, rougher run.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v jq >/dev/null 2>&1 || { echo "jq not found: run \`apt-get install jq\`" >&2; exit 1; }
forks="${FORKS:-2}"
out=dynamic-bean-benchmarks/target/bench-graph
jar=dynamic-bean-benchmarks/target/benchmarks.jar

echo "Building dynamic-bean-benchmarks (and dynamic-bean-core) ..."
./mvnw -q -B -pl dynamic-bean-benchmarks -am -Pbenchmarks package -DskipTests
rm -rf "$out"
mkdir -p "$out"

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average before:$(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /')"
echo "java:    $(java -version 2>&1 | head -1), $(java -version 2>&1 | sed -n 3p)"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git status --porcelain -- dynamic-bean-core 2>/dev/null | grep -q . && echo ' (dynamic-bean-core has uncommitted changes)')"

# One JMH run: a name for its files, the number of forks, then JMH arguments. A 1,000-generator
# iteration processes a tenth of the beans, so it gets more warm-up iterations to reach the same
# compiled state.
run() {
	local name=$1 run_forks=$2
	shift 2
	echo "Running $name ..."
	java -jar "$jar" -f "$run_forks" "$@" -rf json -rff "$out/$name.json" -o "$out/$name.txt"
}
small=(-p size=1000 -wi 10 -i 10)
large=(-p size=10000 -wi 3 -i 6)
run up-1000 "$forks" 'GraphScaleBenchmark.startupGeneration' -p headsDown=false "${small[@]}"
run up-10000 "$forks" 'GraphScaleBenchmark.startupGeneration' -p headsDown=false "${large[@]}"
run control-1000 "$forks" 'GraphScaleBenchmark.springRegistrationOnly' -p shape=FAN "${small[@]}"
run control-10000 "$forks" 'GraphScaleBenchmark.springRegistrationOnly' -p shape=FAN "${large[@]}"
# Heads down: one fork is enough to see how it grows.
run down-1000 1 'GraphScaleBenchmark.startupGeneration' -p headsDown=true "${small[@]}"
run down-10000 1 'GraphScaleBenchmark.startupGeneration' -p headsDown=true "${large[@]}"
echo "load average after:$(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /')"

jq -s add "$out"/*.json > "$out/all.json"
echo
echo "Medians over all measured iterations (single shot each). wall: JMH's score, in ms (min-max, iterations);"
echo "cpu: CPU time of the measuring thread, in ms; alloc: its allocation, in MB; gc: JVM time in GC meanwhile, in ms."
jq -r '
	def r: . * 10 | round / 10;
	def median(m): m.scorePercentiles["50.0"];
	def rows: map({
		what: ((.benchmark | split(".") | last) + (if .params.headsDown == "true" then " (heads down)" else "" end)),
		shape: .params.shape,
		size: (.params.size | tonumber),
		wall: median(.primaryMetric),
		min: .primaryMetric.scorePercentiles["0.0"],
		max: .primaryMetric.scorePercentiles["100.0"],
		n: (.primaryMetric.rawData | flatten | length),
		cpu: median(.secondaryMetrics.threadCpuMs),
		alloc: median(.secondaryMetrics.allocatedMb),
		gc: median(.secondaryMetrics.gcMs)
	});
	rows | sort_by(.what, .shape, .size)
	| (["benchmark", "shape", "size", "wall", "(min-max, n)", "cpu", "alloc", "gc"] | join("|")),
	  (.[] | [.what, .shape, .size, (.wall | r), "(\(.min | r)-\(.max | r), \(.n))", (.cpu | r), (.alloc | round), (.gc | r)]
		| map(tostring) | join("|"))
' "$out/all.json" | column -t -s '|'
echo
echo "10,000 / 1,000 ratios of the medians (target: about 10, and wall under 1000 ms at 10,000):"
jq -r '
	def r: . * 10 | round / 10;
	map({
		what: ((.benchmark | split(".") | last) + (if .params.headsDown == "true" then " (heads down)" else "" end)),
		shape: .params.shape,
		size: (.params.size | tonumber),
		wall: .primaryMetric.scorePercentiles["50.0"],
		cpu: .secondaryMetrics.threadCpuMs.scorePercentiles["50.0"],
		alloc: .secondaryMetrics.allocatedMb.scorePercentiles["50.0"]
	})
	| (["benchmark", "shape", "wall ratio", "cpu ratio", "alloc ratio"] | join("|")),
	  (group_by([.what, .shape])[]
		| (map(select(.size == 1000))[0]) as $s
		| (map(select(.size == 10000))[0]) as $l
		| [.[0].what, .[0].shape, ($l.wall / $s.wall | r), ($l.cpu / $s.cpu | r), ($l.alloc / $s.alloc | r)]
		| map(tostring) | join("|"))
' "$out/all.json" | column -t -s '|'
