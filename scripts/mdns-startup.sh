#!/usr/bin/env bash
# Measures mDNS start-to-callable on loopback: a caller JVM waits for a greeter; then a greeter JVM is launched,
# and the script prints how long after the launch the greeter registered ("serving" printed) and the caller got
# its first answer. The figures include JVM and Weld start-up of the greeter and the first call's connection.
# Runs in a private mDNS domain. Env: MDNS_RUNS (3), JAVA_OPTS (extra JVM options for both JVMs, e.g. an AppCDS
# archive: -XX:SharedArchiveFile=/tmp/greeter.jsa after one run with -XX:ArchiveClassesAtExit=/tmp/greeter.jsa).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=example-war/target/greeter.jar
[ -f "$jar" ] || mvn -B -q -o -DskipTests -pl example-war -am package
read -r -a extra <<<"${JAVA_OPTS:-}"
domain="start$$"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
ms() { echo $(( ($2 - $1) / 1000000 )); }
for run in $(seq 1 "${MDNS_RUNS:-3}"); do
  java "${extra[@]}" -Dmicro.registry.mdns.domain="$domain" -jar "$jar" call --count 1 --min-nodes 1 --wait 30 \
    >"$work/call.out" 2>"$work/call.err" &
  caller=$!; pids+=("$caller")
  sleep 3
  t0=$(date +%s%N)
  java "${extra[@]}" -Dmicro.registry.mdns.domain="$domain" -jar "$jar" serve --id "start-$run" \
    >"$work/serve.out" 2>"$work/serve.err" &
  server=$!; pids+=("$server")
  t1=0; t2=0
  while [ "$t2" = 0 ]; do
    now=$(date +%s%N)
    if [ "$t1" = 0 ] && grep -q '^serving' "$work/serve.out"; then t1=$now; fi
    if grep -q '^answered by' "$work/call.out"; then t2=$now; fi
    if ! kill -0 "$caller" 2>/dev/null && [ "$t2" = 0 ]; then echo "the caller ended without an answer"; cat "$work/call.err"; exit 1; fi
    [ $(( (now - t0) / 1000000000 )) -lt 30 ] || { echo "no answer in 30 s"; exit 1; }
    sleep 0.005
  done
  wait "$caller" || true
  first=$(sed -n 's/.*p50_us=\([0-9]*\).*/\1/p' "$work/call.out")
  echo "run $run: launch -> registered $(ms "$t0" "$t1") ms; launch -> first answer in another JVM" \
    "$(ms "$t0" "$t2") ms, of which the first call itself took $((first / 1000)) ms"
  kill "$server"; wait "$server" || true
done
