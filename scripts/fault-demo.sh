#!/usr/bin/env bash
# The fault scenario of docs/load-balancing.md, on loopback mDNS in a private domain:
#  1. three greeters; `call --count 20000 --concurrency 32`; kill -9 of one in the middle of the run:
#     expects failed=0 and at most concurrency + 3 failed attempts on the dead node;
#  2. a fourth greeter joins; the same load from a new caller; SIGTERM of
#     the new one in the middle: expects failed=0, the node removed, and no attempt on it after the removal.
# Prints the summaries and PASS/FAIL; exits 1 on a failed expectation. Stops everything it started.
# Env: FAULT_COUNT (20000), FAULT_CONCURRENCY (32), FAULT_REBUILD (0: build greeter.jar only when missing),
# FAULT_SERVE_OPTS (extra JVM options of the greeters, e.g. -Dmicro.server.deregister-delay=300ms).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${FAULT_COUNT:-20000}
concurrency=${FAULT_CONCURRENCY:-32}
jar=example-war/target/greeter.jar
if [ ! -f "$jar" ] || [ "${FAULT_REBUILD:-0}" = 1 ]; then
  mvn -B -q -o -DskipTests -pl example-war -am package
fi
domain="fault$$"
work=$(mktemp -d)
declare -A pids
stop() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT INT TERM
java_opts=(-Dmicro.registry.mdns.domain="$domain" -Dmicro.registry.mdns.interface=127.0.0.1)
read -r -a serve_opts <<<"${FAULT_SERVE_OPTS:-}"
serve() {
  java "${java_opts[@]}" "${serve_opts[@]}" -jar "$jar" serve --id "$1" >"$work/$1.log" 2>&1 &
  pids[$1]=$!
}
answers() { local n; n=$(grep -c '^answered by' "$1" 2>/dev/null) || true; echo "${n:-0}"; }
# run_call NAME MIN_NODES VICTIM SIGNAL: starts the load, sends SIGNAL to VICTIM once a third of the calls answered
run_call() {
  local name=$1 min=$2 victim=$3 signal=$4 out="$work/$1.out"
  java "${java_opts[@]}" -jar "$jar" call --count "$count" --concurrency "$concurrency" --min-nodes "$min" \
    --wait 60 >"$out" 2>"$work/$1.err" &
  local caller=$!
  pids[caller]=$caller
  until [ "$(answers "$out")" -ge $((count / 3)) ]; do
    if ! kill -0 "$caller" 2>/dev/null; then echo "the caller ended early"; tail -5 "$work/$1.err"; return 1; fi
    sleep 0.05
  done
  local at; at=$(answers "$out")
  kill "-$signal" "${pids[$victim]}"
  signalled_at=$(date +%s%3N)
  echo "[$name] sent SIG$signal to $victim after $at answered calls"
  wait "$caller" || true
  { wait "${pids[$victim]}" || true; } 2>/dev/null
  grep -v '^answered by' "$out" | sed "s/^/[$name] /"
}
field() { sed -n "s/.*$2=\([0-9]*\).*/\1/p" <<<"$1"; }
status=0
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; status=1; fi; }

for id in node-a node-b node-c; do serve "$id"; done
run_call kill9 3 node-c KILL
s=$(grep '^calls=' "$work/kill9.out"); c=$(grep '^node=node-c ' "$work/kill9.out" || echo "node=node-c failed_attempts=0")
check "kill -9: failed=0" "[ '$(field "$s" failed)' = 0 ]"
check "kill -9: failed attempts on the dead node $(field "$c" failed_attempts) <= concurrency + 3" \
  "[ $(field "$c" failed_attempts) -le $((concurrency + 3)) ]"

serve node-d
run_call sigterm 3 node-d TERM
s=$(grep '^calls=' "$work/sigterm.out"); d=$(grep '^node=node-d ' "$work/sigterm.out" || true)
check "SIGTERM: failed=0" "[ '$(field "$s" failed)' = 0 ]"
check "SIGTERM: the stopped node was removed from the registry" "grep -q 'removed=true' <<<'$d'"
check "SIGTERM: no attempt on it after its removal" "[ '$(field "$d" attempts_after_removal)' = 0 ]"
removed_at=$(field "$d" removed_at_epoch_ms)
if [ -n "$removed_at" ]; then echo "SIGTERM -> removal seen by the caller: $((removed_at - signalled_at)) ms"; fi
exit $status
