#!/usr/bin/env bash
# The greeter demo: builds greeter.jar, starts two greeter instances and one caller as separate JVMs that
# find each other over mDNS on loopback, shows which node answered each call, and stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f example-war/target/greeter.jar ] || [ "${DEMO_REBUILD:-1}" = 1 ]; then
  mvn -B -q -DskipTests -pl example-war -am package
fi
jar=example-war/target/greeter.jar
logs=$(mktemp -d)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$logs"
}
trap stop EXIT INT TERM
for id in node-a node-b; do
  java -jar "$jar" serve --id "$id" >"$logs/$id.log" 2>&1 &
  pids+=("$!")
  echo "started greeter $id (pid $!)"
done
if ! java -Dmicro.client.selector=round-robin -jar "$jar" call --count "${DEMO_CALLS:-20}" --min-nodes 2 --wait 60; then
  for id in node-a node-b; do echo "--- $id log"; tail -n 20 "$logs/$id.log"; done
  exit 1
fi
