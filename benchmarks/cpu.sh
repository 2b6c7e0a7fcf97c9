#!/usr/bin/env bash
# CPU time per call (or per stream message) of one system: both JVMs' CPU time over a window of steady state,
# read from /proc, divided by what the load generator did meanwhile. Steadier than the throughput figures,
# which move with the machine's load; use it to judge a change of the call path.
#   bash benchmarks/cpu.sh <system> <test> [runs]
#   system: micro, micro-direct, grpc, grpc-direct, raw; test: unary_tput_small, unary_tput_1k, stream_small,
#   stream_1k. Prints one line per run:
#   cpu <system> <test> us_per_op=<both JVMs' CPU µs per call or message> rate=<per second> busy=<% of one CPU>
#     client=<user>+<system> server=<user>+<system>  (each JVM's share of us_per_op, user and kernel time apart)
# It builds nothing: run `bash benchmarks/run.sh --quick` (or the build) once before.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bash benchmarks/cpu.sh <system> <test> [runs]" >&2; exit 2; }
sys=$1
test=$2
runs=${3:-1}
[ -f benchmarks/target/classpath.txt ] || { echo "build first: bash benchmarks/run.sh --quick" >&2; exit 2; }
. benchmarks/common.sh
warm=8
window=5
# the load generator warms up for $warm seconds, then measures for as long; the CPU window starts a second into
# the measurement; streams are made long enough to cover it
stream_count=40000000
ticks=$(getconf CLK_TCK)
port=$(free_port)
start_server "$sys" "$port"
server=${pids[-1]}
await_server "$sys"
# user and system ticks of a process (all its threads)
cpu_ticks() {
  awk '{ print $14, $15 }' "/proc/$1/stat"
}
for run in $(seq 1 "$runs"); do
  java "${jvm[@]}" -cp "$cp" dev.microcdi.benchmarks.Bench client "$sys" "127.0.0.1:$port" "$warm" "$stream_count" \
    "$test" >"$logs/client" 2>&1 &
  client=$!
  for _ in $(seq 1 $((warm * 20 + 200))); do
    grep -q "^measuring" "$logs/client" 2>/dev/null && break
    kill -0 "$client" 2>/dev/null || break
    sleep 0.05
  done
  grep -q "^measuring" "$logs/client" || { echo "the $sys client did not start measuring:"; cat "$logs/client"; exit 1; }
  # a second into the measured phase, so that the warm-up's end is not counted
  sleep 1
  before="$(cpu_ticks "$client") $(cpu_ticks "$server")"
  sleep "$window"
  after="$(cpu_ticks "$client") $(cpu_ticks "$server")"
  wait "$client" || { echo "the $sys client failed:"; cat "$logs/client"; exit 1; }
  rate=$(awk -v t="$test" '$1 == "result" && $2 == t { print $3 }' "$logs/client")
  awk -v s="$sys" -v t="$test" -v b="$before" -v a="$after" -v w="$window" -v hz="$ticks" -v r="$rate" \
    'BEGIN { split(b, x, " "); split(a, y, " "); for (i = 1; i <= 4; i++) { d[i] = (y[i] - x[i]) / hz / w; busy += d[i]; u[i] = d[i] / r * 1e6 }
      printf "cpu %s %s us_per_op=%.3f rate=%.0f busy=%.0f%% client=%.2f+%.2f server=%.2f+%.2f\n", s, t, busy / r * 1e6, r,
        busy * 100, u[1], u[2], u[3], u[4] }'
done
