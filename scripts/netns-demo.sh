#!/usr/bin/env bash
# Multi-host discovery on one machine: three network namespaces ("hosts") joined by veth pairs to a bridge
# that lives in a fourth namespace, with multicast flooding on. Greeters serve in host 1 and host 2 with
# micro.registry.mdns.interface=v0 (their veth) and a caller in host 3 finds both over mDNS and calls them.
# Nothing is attached to the machine's own namespace; every namespace is removed on exit.
# Needs root and iproute2. Env: GREETER_CMD (default: java -jar example-war/target/greeter.jar), NETNS_CALLS (40).
# Prints the caller's summary and PASS/FAIL; exits 1 when a host was not discovered or a call failed.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a greeter <<<"${GREETER_CMD:-java -jar example-war/target/greeter.jar}"
calls=${NETNS_CALLS:-40}
tag="m$$"
bridge_ns="${tag}br"
hosts=("${tag}h1" "${tag}h2" "${tag}h3")
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for ns in "${hosts[@]}" "$bridge_ns"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

ip netns add "$bridge_ns"
ip -n "$bridge_ns" link set lo up
ip -n "$bridge_ns" link add br0 type bridge mcast_snooping 0
ip -n "$bridge_ns" link set br0 up
for i in 1 2 3; do
  ns=${hosts[$((i - 1))]}
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  # both ends are created inside the namespaces: nothing appears in the machine's own namespace
  ip -n "$ns" link add v0 type veth peer name "p$i" netns "$bridge_ns"
  ip -n "$ns" addr add "10.213.0.$i/24" dev v0
  ip -n "$ns" link set v0 multicast on up
  ip -n "$ns" route add 224.0.0.0/4 dev v0
  ip -n "$bridge_ns" link set "p$i" master br0 multicast on up
done

java_opts=(-Djava.net.preferIPv4Stack=true -Dmicro.registry.mdns.interface=v0)
for i in 1 2; do
  ip netns exec "${hosts[$((i - 1))]}" "${greeter[0]}" "${java_opts[@]}" -Dmicro.server.address="10.213.0.$i:0" \
    "${greeter[@]:1}" serve --id "host$i" >"$work/host$i.log" 2>&1 &
  pids+=("$!")
done
status=0
if ! ip netns exec "${hosts[2]}" "${greeter[0]}" "${java_opts[@]}" "${greeter[@]:1}" call --count "$calls" \
  --min-nodes 2 --wait 30 >"$work/call.out" 2>"$work/call.err"; then
  status=1
fi
grep -v '^answered by' "$work/call.out" || true
for i in 1 2; do
  if grep -q "^node=host$i ok=[1-9]" "$work/call.out"; then
    echo "PASS host3 discovered and called host$i (10.213.0.$i) over mDNS on v0"
  else
    echo "FAIL host3 did not call host$i"; status=1
    tail -20 "$work/host$i.log"
  fi
done
if [ $status != 0 ]; then tail -20 "$work/call.err"; fi
exit $status
