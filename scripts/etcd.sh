#!/usr/bin/env bash
# Starts an etcd for the etcd registry's tests on 127.0.0.1:2379 (clients) and 127.0.0.1:2380 (peers), data in
# /tmp/micro-cdi-etcd; installs Debian's etcd-server with apt-get when etcd is missing. Idempotent: does nothing
# when an etcd already answers on 127.0.0.1:2379. Waits until it is healthy (at most 30 s).
# `scripts/etcd.sh stop` stops the etcd this script started.
set -euo pipefail
data=${MICRO_ETCD_DATA:-/tmp/micro-cdi-etcd}
pidfile="$data.pid"
healthy() { curl -fsS --max-time 1 http://127.0.0.1:2379/health 2>/dev/null | grep -q '"health":"true"'; }

if [ "${1:-}" = stop ]; then
  if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; fi
  exit 0
fi
if ! command -v curl >/dev/null; then
  echo "etcd: installing curl for the health check"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q curl >/dev/null
fi
if healthy; then
  echo "etcd: already running on 127.0.0.1:2379"
  exit 0
fi
etcd_bin=$(command -v etcd || true)
if [ -z "$etcd_bin" ]; then
  echo "etcd: installing etcd-server"
  # Debian's package starts a service where an init system runs; this script starts its own etcd instead.
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q etcd-server >/dev/null
  etcd_bin=$(command -v etcd)
  if healthy; then
    echo "etcd: the package's service answers on 127.0.0.1:2379"
    exit 0
  fi
fi
mkdir -p "$data"
nohup "$etcd_bin" --name micro-cdi --data-dir "$data" \
  --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
  --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
  --initial-cluster micro-cdi=http://127.0.0.1:2380 --listen-metrics-urls http://127.0.0.1:2381 \
  >"$data.log" 2>&1 &
echo $! >"$pidfile"
for _ in $(seq 1 300); do
  if healthy; then echo "etcd: healthy on 127.0.0.1:2379 (pid $(cat "$pidfile"), log $data.log)"; exit 0; fi
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "etcd: exited; see $data.log" >&2; tail -20 "$data.log" >&2; exit 1; fi
  sleep 0.1
done
echo "etcd: not healthy after 30 s; see $data.log" >&2
exit 1
