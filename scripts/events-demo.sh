#!/usr/bin/env bash
# The orders demo (docs/events.md), on loopback only.
#   scripts/events-demo.sh queue [N]           two serve instances in queue group billing on the HTTP broker,
#                                              found over mDNS; publish N (10000) orders; the two handled=
#                                              counts must sum to exactly N.
#   scripts/events-demo.sh stream nats|redis [N]
#                                              two serve --events stream instances in consumer group billing;
#                                              publish N orders; kill -9 one instance mid-run and restart it;
#                                              every order must be handled at least once.
# Builds example-war/target/greeter.jar when it is missing. Stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-queue}
jar=example-war/target/greeter.jar
[ -f "$jar" ] || mvn -B -q -DskipTests -pl example-war -am package
work=$(mktemp -d)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$work"; [ -z "${KEEP:-}" ] || echo "logs in $work"
}
trap stop EXIT INT TERM

serve() { # name props...
  local name=$1; shift
  java "$@" -Dexample.ids="$work/$name.ids" -jar "$jar" serve --id "$name" ${events:+--events "$events"} \
    >>"$work/$name.log" 2>&1 &
  pids+=("$!")
  eval "pid_${name//-/_}=$!"
}

finish() { # stop the instances gracefully so that they print handled=
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  grep -h 'handled=' "$work"/*.log || true
}

case "$mode" in
  queue)
    n=${2:-10000}
    events=""
    serve bill-a
    serve bill-b
    java -Dmicro.broker.http.drain=120s -jar "$jar" publish --count "$n" --min-subscribers 2 --wait 60
    sleep 2
    finish > "$work/handled"
    cat "$work/handled"
    sum=$(sed 's/handled=//' "$work/handled" | paste -sd+ | bc)
    echo "sum=$sum expected=$n"
    [ "$sum" -eq "$n" ]
    ;;
  stream)
    kind=${2:?nats or redis}
    n=${3:-10000}
    events=stream
    props=(-Dmicro.stream="$kind" -Dmicro.stream.ack-wait=5s)
    serve bill-a "${props[@]}"
    serve bill-b "${props[@]}"
    sleep 4
    java "${props[@]}" -jar "$jar" publish --count "$n" --events stream &
    publisher=$!
    sleep "${KILL_AFTER:-3}"
    kill -9 "$pid_bill_a"
    wait "$pid_bill_a" 2>/dev/null || true
    echo "killed bill-a with SIGKILL after $(cat "$work/bill-a.ids" 2>/dev/null | wc -l) orders; restarting it"
    serve bill-a "${props[@]}"
    wait "$publisher"
    sleep 12
    finish
    distinct=$(cat "$work"/*.ids | sort -u | wc -l)
    echo "distinct orders handled=$distinct expected=$n (lines: $(cat "$work"/*.ids | wc -l))"
    [ "$distinct" -eq "$n" ]
    ;;
  *)
    echo "usage: $0 queue [N] | stream nats|redis [N]" >&2
    exit 2
    ;;
esac
