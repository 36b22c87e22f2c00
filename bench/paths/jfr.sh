#!/usr/bin/env bash
# Profiles the data path with JDK Flight Recorder: a 7-Node devnet (no local chain), every Node
# JVM recording (settings=profile), four 64 MiB downloads through SOCKS from a local HTTP server,
# then each Node's role (user, relay, exit), its CPU samples, GCs, sampled allocation, hot methods
# and allocation sites.
#
#   bench/paths/jfr.sh [OUT]        (default OUT: /tmp/jmasq-jfr-<UTC>)
#
# Loopback only: the Nodes on 127.0.0.2-8, the server on 127.0.0.1. Needs python3, curl and a JDK
# with `jfr` beside its `java`.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${1:-/tmp/jmasq-jfr-$(date -u +%Y%m%dT%H%M%SZ)}
PROXY_PORT=17980 HTTP_PORT=18999
mkdir -p "$OUT/jfr" "$OUT/devnet" "$OUT/www"
head -c $((64 << 20)) /dev/urandom > "$OUT/www/big.bin"
python3 -m http.server "$HTTP_PORT" --bind 127.0.0.1 --directory "$OUT/www" > "$OUT/http.log" 2>&1 &
HTTP_PID=$!
DEVNET_PID=""
cleanup() {
  [[ -z $DEVNET_PID ]] || { kill -TERM "$DEVNET_PID" 2>/dev/null || true; wait "$DEVNET_PID" 2>/dev/null || true; }
  kill "$HTTP_PID" 2>/dev/null || true
  rm -f "$OUT/www/big.bin"
}
trap cleanup EXIT
JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=filename=$OUT/jfr/,settings=profile,dumponexit=true" \
  env -u JAVA_HOME "$ROOT/bin/jmasq" devnet --nodes 7 --proxy-port "$PROXY_PORT" \
  --allow-private-targets --dns-servers 127.0.0.1:9 --data-directory "$OUT/devnet" \
  --no-local-chain > "$OUT/devnet.out" 2>&1 &
DEVNET_PID=$!
for _ in $(seq 1 180); do grep -qs RouteFound "$OUT/devnet.out" && break; sleep 1; done
grep -qs RouteFound "$OUT/devnet.out" || { tail -n 20 "$OUT/devnet.out" >&2; exit 1; }
for i in 1 2 3 4; do
  curl -s -o /dev/null -w "download $i: %{time_total} s\n" --socks5-hostname "127.0.0.1:$PROXY_PORT" \
    "http://127.0.0.1:$HTTP_PORT/big.bin" | tee -a "$OUT/downloads.txt"
done
kill -TERM "$DEVNET_PID"; wait "$DEVNET_PID" || true; DEVNET_PID=""
JFR=$(dirname "$(readlink -f "$(command -v java)")")/jfr
for f in "$OUT"/jfr/*.jfr; do
  node=$("$JFR" print --events jdk.JVMInformation "$f" | grep -o 'node-[0-9]*' | head -1 || true)
  [[ -n $node ]] || continue
  traffic=$(grep 'JMasq Node traffic' "$OUT/devnet/$node/node.log" | tail -n 1 || true)
  role=idle
  [[ $traffic =~ relayed_bytes=[1-9] ]] && role=relay
  [[ $traffic =~ exit_bytes=[1-9] ]] && role=exit
  [[ $node == node-1 ]] && role=user
  [[ $role != idle ]] || continue
  samples=$("$JFR" print --events jdk.ExecutionSample "$f" | grep -c 'jdk.ExecutionSample' || true)
  gcs=$("$JFR" summary "$f" | awk '$1 == "jdk.GarbageCollection" { print $2 }')
  mb=$("$JFR" print --events jdk.ObjectAllocationSample "$f" | awk '/weight = / { v = $3
       if ($4 ~ /kB/) v *= 1e3; else if ($4 ~ /MB/) v *= 1e6; else if ($4 ~ /GB/) v *= 1e9
       s += v } END { printf "%.0f", s / 1e6 }')
  echo "### $node ($role): $samples CPU samples, $gcs GCs, about $mb MB allocated (sampled weight)"
  "$JFR" view --width 140 hot-methods "$f" | sed -n '5,12p'
  "$JFR" view --width 140 allocation-by-site "$f" | sed -n '5,9p'
done | tee "$OUT/summary.txt"
cat "$OUT/downloads.txt"
