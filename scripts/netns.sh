#!/usr/bin/env bash
# Runs a command where loopback is the only network interface, so mDNS multicast (224.0.0.251) and every
# test socket stay on this machine. Already isolated: run directly. Otherwise enter a private network
# namespace (root: unshare -n; unprivileged: a user namespace with unshare -rn). Never falls back to the
# shared network.
set -euo pipefail
enter='ip link set lo up && ip link set lo multicast on && exec "$@"'
if [ "$(ip -o link show | cut -d: -f2 | tr -d ' ')" = "lo" ]; then
  ip link set lo up 2>/dev/null || true
  ip link set lo multicast on 2>/dev/null || true
  exec "$@"
fi
if unshare -n true 2>/dev/null; then exec unshare -n bash -c "$enter" netns "$@"; fi
if unshare -rn true 2>/dev/null; then exec unshare -rn bash -c "$enter" netns "$@"; fi
echo "scripts/netns.sh: cannot create a private network namespace (unshare -n); refusing to run on the shared network" >&2
exit 1
