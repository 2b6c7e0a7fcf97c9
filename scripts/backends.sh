#!/usr/bin/env bash
# Makes sure the backends of the integration tests answer on loopback: NATS with JetStream on 127.0.0.1:4222
# and Redis on 127.0.0.1:6379. Idempotent: a server that already answers is left alone. Installs the Debian
# packages when a server is missing (needs root), starts it bound to loopback, and waits until it answers.
set -euo pipefail

answers() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

nats_has_jetstream() {
  local info
  info=$(timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/4222; head -n 1 <&3' 2>/dev/null || true)
  [[ "$info" == *'"jetstream":true'* ]]
}

wait_for() { # name host port
  for _ in $(seq 1 50); do
    if answers "$2" "$3"; then
      echo "backends: $1 answers on $2:$3"
      return 0
    fi
    sleep 0.2
  done
  echo "backends: $1 did not start on $2:$3" >&2
  return 1
}

updated=""
install() { # package...
  if [[ -z "$updated" ]]; then
    apt-get update -q
    updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

if answers 127.0.0.1 4222; then
  if ! nats_has_jetstream; then
    echo "backends: a NATS server answers on 127.0.0.1:4222 but JetStream is off; restart it with -js" >&2
    exit 1
  fi
  echo "backends: NATS (JetStream) answers on 127.0.0.1:4222"
else
  [[ -x /usr/sbin/nats-server ]] || install nats-server
  # The Debian package may start a service of its own; keep ours alone on loopback with JetStream.
  mkdir -p /var/lib/nats-server
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  wait_for NATS 127.0.0.1 4222
  nats_has_jetstream || { echo "backends: NATS started without JetStream" >&2; exit 1; }
fi

if answers 127.0.0.1 6379; then
  echo "backends: Redis answers on 127.0.0.1:6379"
else
  command -v redis-server >/dev/null || install redis-server
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
  wait_for Redis 127.0.0.1 6379
fi
