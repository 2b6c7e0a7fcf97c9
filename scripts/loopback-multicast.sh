#!/usr/bin/env bash
# Keeps mDNS and every other multicast of the tests and the demo on this machine: turns multicast on for lo
# and routes the IPv4 and IPv6 multicast ranges through lo ahead of every other interface, so that even a
# socket that forgets to pick an interface cannot reach the real network. micro-cdi binds its mDNS sockets
# to 127.0.0.1 anyway; this is the second line of defence. Needs root; safe to run again.
set -eu
if [ "$(id -u)" -ne 0 ]; then
  echo "loopback-multicast: needs root (try: sudo $0)" >&2
  exit 1
fi
ip link set lo multicast on
ip route replace 224.0.0.0/4 dev lo
ip -6 route replace multicast ff00::/8 dev lo table local metric 1 2>/dev/null || true
echo "lo: $(ip link show lo | head -1 | grep -o '<[^>]*>')"
echo "IPv4 multicast via: $(ip route get 224.0.0.251 | head -1)"
