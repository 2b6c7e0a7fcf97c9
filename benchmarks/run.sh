#!/usr/bin/env bash
# Benchmarks micro-cdi against gRPC-java 1.83.1 and a raw Netty length-prefixed echo (the ceiling).
# Each system's server runs in its own JVM and the load generator in another, all on 127.0.0.1, with the
# same JVM flags. Prints one line per figure:
#   bench <name> micro=<value> grpc=<value> ratio=<micro/grpc> ceiling=<value>
# and a last comment line with micro-cdi's unary throughput as a share of the ceiling.
# Usage: bash benchmarks/run.sh [--quick] [--no-build] [--direct] [--rounds N]
#   Each figure is the median of N rounds (default 3); a round runs every system's load generator once, in turn,
#   so that a change of machine load reaches all systems alike.
#   --direct compares both systems with callbacks on their event loops (micro-cdi's
#   micro.server.handler-threads=event-loop + micro.client.direct-callbacks against gRPC's directExecutor()).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=5
stream_count=1000000
build=1
rounds=3
micro=micro
grpc=grpc
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  arg=${args[$i]}
  case "$arg" in
    --rounds) i=$((i + 1)); rounds=${args[$i]:-}; [[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "--rounds takes a positive number" >&2; exit 2; } ;;
    --quick) seconds=1; stream_count=200000 ;;
    --no-build) build=0 ;;
    --direct) micro=micro-direct; grpc=grpc-direct ;;
    *) echo "usage: bash benchmarks/run.sh [--quick] [--no-build] [--direct] [--rounds N]" >&2; exit 2 ;;
  esac
done
if [ "$build" = 1 ] || [ ! -f benchmarks/target/classpath.txt ]; then
  mvn -B -q -o -DskipTests -Dmaven.javadoc.skip=true -pl benchmarks -am package
fi
. benchmarks/common.sh
declare -A ports
systems=("$micro" "$grpc" raw)
for sys in "${systems[@]}"; do
  ports[$sys]=$(free_port)
  start_server "$sys" "${ports[$sys]}"
done
for sys in "${systems[@]}"; do
  await_server "$sys"
done
tests=(unary_tput_small unary_tput_1k unary_lat_small unary_lat_1k stream_small stream_1k)
for round in $(seq 1 "$rounds"); do
  for sys in "${systems[@]}"; do
    java "${jvm[@]}" -cp "$cp" dev.microcdi.benchmarks.Bench client "$sys" "127.0.0.1:${ports[$sys]}" \
      "$seconds" "$stream_count" "${tests[@]}" >>"$logs/$sys.result" 2>"$logs/$sys.err" \
      || { echo "the $sys client failed:"; cat "$logs/$sys.err"; exit 1; }
  done
done
# the median of the rounds' values of one figure
value() { awk -v n="$2" '$1 == "result" && $2 == n { print $3 }' "$logs/$1.result" | sort -g \
  | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), ${seconds}s per figure, ${stream_count} stream messages, median of ${rounds} rounds; micro=$micro grpc=$grpc; units: calls/s, microseconds, messages/s"
for name in unary_tput_small unary_tput_1k unary_p50_small unary_p99_small unary_p50_1k unary_p99_1k stream_small stream_1k; do
  m=$(value "$micro" "$name"); g=$(value "$grpc" "$name"); c=$(value raw "$name")
  r=$(awk -v m="$m" -v g="$g" 'BEGIN { printf "%.2f", m / g }')
  echo "bench $name micro=$m grpc=$g ratio=$r ceiling=$c"
done
# the figure the ceiling target is judged on, as a comment so that the lines above keep their format
share() { awk -v m="$(value "$micro" "$1")" -v c="$(value raw "$1")" 'BEGIN { printf "%.1f", 100 * m / c }'; }
echo "# unary throughput as a share of the ceiling: small $(share unary_tput_small) %, 1k $(share unary_tput_1k) %"
