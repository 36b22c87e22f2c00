#!/usr/bin/env bash
# The WAN benchmark: the paths benchmark's four paths (bench/paths/run.sh) over the testbed
# (docs/TESTBED.md), every link through the delay emulator with the same one-way delay.
#
#   sudo bench/wan/run.sh --delay-ms 10 [--quick]
#
# One `jmasq testbed` (7 Nodes: 6 standard on public hosts, the user's behind a NAT router; one
# more public host `origin`, and public hosts f1-f3 and t0-t5 with no Node) holds every path;
# each client runs on the user's host (`ip netns exec`), each server on `origin`:
#   direct  curl -> origin                                               1 emulated link
#   socat3  curl -> socat f1 -> socat f2 -> socat f3 -> origin           4 links
#   jmasq   curl --socks5-hostname -> the user's Node, 3-hop route -> origin   4 links
#   tor     curl --socks5-hostname -> a tor client on the user's host, 3-hop circuit over the
#           private Tor network of bench/paths/tor-privnet.sh, its 6 relays on t0-t5 -> origin
#                                                                        4 links
# For each path: time to first byte of a 1 KiB GET on a new stream (a new curl, so a new TCP
# connection or a new SOCKS stream each time; p50/p90/min), time to last byte of 50 KiB, 1 MiB and
# 5 MiB (median), one 64 MiB stream, and 10 parallel 5 MiB streams (until the last ends). Each
# figure is shown next to the route's round trip time, 2 x delay x links (the first byte of a
# GET cannot come sooner than one route RTT), and the summary gives the ratios of JMasq's figures
# to Tor's and to the forwarders'. The emulator's capacity (BENCHMARKS.md, "Delay emulator
# capacity") bounds every path: each byte crosses it once per link; a figure near that bound is
# flagged as the emulator's.
#
# Results: summary.md (stdout too), samples.tsv, env.txt and the logs under $BENCH_OUT. The
# testbed (namespaces, Nodes, emulator) and every process the script started are removed when it
# ends, on failure and on Ctrl-C too. Needs root, python3, tor, socat, curl, and what
# `jmasq testbed` needs (iproute2, nftables, miniupnpd).
#
# Environment (defaults in brackets; --quick in parentheses):
#   BENCH_OUT        results directory                          [/tmp/jmasq-wan-<UTC>]
#   WAN_PATHS        paths, in order                            ["direct socat3 tor jmasq"]
#   WAN_TTFB_REQS    1 KiB GETs per path                        [20] (5)
#   WAN_SIZE_REQS    downloads of each of 50 KiB, 1 MiB, 5 MiB  [5] (1)
#   WAN_BULK_MIB     the bulk stream, MiB                       [64] (8)
#   WAN_PARALLEL     parallel 5 MiB streams                     [10] (3)
#   WAN_EMULATOR_MBIT  the emulator's capacity, Mbit/s in all   [200] (BENCHMARKS.md)
#   WAN_OPTIMISTIC   1: the user's Node runs with --optimistic-data   [0]
#   BENCH_BASE_PORT  port map of bench/paths/lib.sh             [17000]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PATHS_DIR=$ROOT/bench/paths
# shellcheck source=../paths/lib.sh
source "$PATHS_DIR/lib.sh"

DELAY_MS="" QUICK=0
while (($#)); do
  case $1 in
    --delay-ms) DELAY_MS=${2:?--delay-ms needs a value}; shift 2 ;;
    --quick) QUICK=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (expected: --delay-ms MS [--quick])" ;;
  esac
done
[[ $DELAY_MS =~ ^[0-9]+$ ]] && ((DELAY_MS <= 150)) || die "--delay-ms MS (0-150) is required"
[[ $(id -u) == 0 ]] || die "needs root (network namespaces)"

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${BENCH_OUT:-/tmp/jmasq-wan-$STAMP}
PATHS=${WAN_PATHS:-direct socat3 tor jmasq}
if ((QUICK)); then q() { echo "$2"; }; else q() { echo "$1"; }; fi
TTFB_REQS=${WAN_TTFB_REQS:-$(q 20 5)}
SIZE_REQS=${WAN_SIZE_REQS:-$(q 5 1)}
BULK_MIB=${WAN_BULK_MIB:-$(q 64 8)}
PARALLEL=${WAN_PARALLEL:-$(q 10 3)}
EMU_MBIT=${WAN_EMULATOR_MBIT:-200}
SIZES=(50k:51200 1m:1048576 5m:5242880)
MAX_TIME=600
mkdir -p "$OUT/www" "$OUT/raw"
SAMPLES=$OUT/samples.tsv
exec 2> >(tee -a "$OUT/run.log" >&2)
T_START=$(now)

# ------------------------------------------------------------------ cleanup
TESTBED_PID="" HTTP_PID="" SOCAT_PIDS=() CURL_PIDS=() TOR_DIR=$OUT/tor
declare -A NS ADDR
stop_tor() {
  [[ -n ${TOR_HOSTS:-} ]] || return 0
  "$PATHS_DIR/tor-privnet.sh" stop "$TOR_DIR" 2>/dev/null || true
}
cleanup() {
  local rc=$? p
  trap - EXIT INT TERM
  ((rc == 0)) || log "run failed (rc=$rc); stopping everything it started; logs in $OUT"
  for p in "${CURL_PIDS[@]}"; do stop_pid "$p" curl 2; done
  for p in "${SOCAT_PIDS[@]}"; do stop_pid "$p" socat 5; done
  stop_tor
  [[ -z $HTTP_PID ]] || stop_pid "$HTTP_PID" httpserver.py 5
  # The testbed command stops its Nodes, kills whatever else runs in its namespaces and removes
  # them; it may take a while (seven JVMs, the emulator, the namespaces).
  [[ -z $TESTBED_PID ]] || stop_pid "$TESTBED_PID" testbed 120
  rm -f "$OUT"/www/*.bin
  if [[ -n ${PREFIX:-} ]] && ip netns list | grep -q "^$PREFIX-"; then
    log "namespaces of $PREFIX are still there: $(ip netns list | grep "^$PREFIX-" | awk '{ print $1 }' | paste -sd' ')"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------ prerequisites
ensure_packages
command -v "$PYTHON" >/dev/null || die "needs python3 (the HTTP server)"
log "building JMasq if needed (bin/jmasq builds on first use)"
env -u JAVA_HOME timeout 900 "$ROOT/bin/jmasq" --version > "$OUT/jmasq-version.txt" 2>&1 \
  || { cat "$OUT/jmasq-version.txt" >&2; die "bin/jmasq --version failed"; }
{
  echo "date_utc=$(date -u +%FT%TZ)"
  echo "git=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none) $(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo dirty || echo clean)"
  echo "cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo) x $(nproc)"
  echo "kernel=$(uname -r)"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "busiest_before=$(ps -eo pcpu=,comm= --sort=-pcpu | head -n 5 | awk '{ printf "%s %s%%; ", $2, $1 }')"
  echo "tor=$(tor --version | head -1 | sed 's/\.$//')"
  echo "socat=$(socat -V | awk '/socat version/ { print $3; exit }')"
  echo "curl=$(curl --version | head -1 | awk '{ print $2 }')"
  echo "delay_ms=$DELAY_MS quick=$QUICK ttfb_reqs=$TTFB_REQS size_reqs=$SIZE_REQS bulk_mib=$BULK_MIB parallel=$PARALLEL optimistic=${WAN_OPTIMISTIC:-0}"
} > "$OUT/env.txt"

# ------------------------------------------------------------ the testbed and its Nodes
log "starting the testbed: 7 Nodes, $DELAY_MS ms one way on every link"
HOSTS_FILE=$OUT/hosts.txt
OPTIMISTIC_ARGS=()
[[ ${WAN_OPTIMISTIC:-0} == 1 ]] && OPTIMISTIC_ARGS=(--optimistic-data)
env -u JAVA_HOME "$ROOT/bin/jmasq" testbed --hosts 7 --behind-nat 0 --delay-ms "$DELAY_MS" \
  --extra-hosts f1,f2,f3,t0,t1,t2,t3,t4,t5 --hosts-file "$HOSTS_FILE" --ready-timeout 180 \
  "${OPTIMISTIC_ARGS[@]}" > "$OUT/testbed.out" 2>&1 &
TESTBED_PID=$!
t0=$(now)
until [[ -s $HOSTS_FILE ]]; do
  alive "$TESTBED_PID" testbed || { cat "$OUT/testbed.out" >&2; die "jmasq testbed exited"; }
  elapsed_gt "$t0" 180 && die "jmasq testbed: no hosts file in 180 s"
  sleep 0.2
done
while read -r name ns addr _; do NS[$name]=$ns; ADDR[$name]=$addr; done < "$HOSTS_FILE"
PREFIX=${NS[origin]%-origin}
RUN_DIR=$(sed -n 's/.*run files in //p' "$OUT/testbed.out" | head -n 1)
log "testbed $PREFIX is up (origin ${ADDR[origin]}, user ${ADDR[user]})"
on() { local host=$1; shift; ip netns exec "${NS[$host]}" "$@"; }
listening() { on "$1" ss -Htln "sport = :$2" | grep -q .; }
await_listening() {
  local i
  for ((i = 0; i < $3 * 10; i++)); do listening "$1" "$2" && return 0; sleep 0.1; done
  return 1
}

# The tor network bootstraps (20-50 s) while the Nodes start.
TOR_PID=""
if [[ $PATHS == *tor* ]]; then
  TOR_HOSTS="" ; for h in t0 t1 t2 t3 t4 t5 user; do TOR_HOSTS+="${NS[$h]}:${ADDR[$h]} "; done
  export TOR_HOSTS
  "$PATHS_DIR/tor-privnet.sh" start "$TOR_DIR" > "$OUT/raw/tor-start.log" 2>&1 &
  TOR_PID=$!
fi

log "writing the files: 1 KiB, 50 KiB, 1 MiB, 5 MiB, $BULK_MIB MiB"
head -c 1024 /dev/urandom > "$OUT/www/1k.bin"
for s in "${SIZES[@]}"; do head -c "${s#*:}" /dev/urandom > "$OUT/www/${s%%:*}.bin"; done
head -c $((BULK_MIB * 1048576)) /dev/urandom > "$OUT/www/bulk.bin"
SHA_5M=$(sha256sum "$OUT/www/5m.bin" | cut -d' ' -f1)
on origin "$PYTHON" "$PATHS_DIR/httpserver.py" "${ADDR[origin]}" "$HTTP_PORT" "$OUT/www" \
  > "$OUT/httpserver.log" 2>&1 &
HTTP_PID=$!
await_listening origin "$HTTP_PORT" 10 || die "the HTTP server did not start"

until grep -q "RouteFound" "$OUT/testbed.out"; do
  alive "$TESTBED_PID" testbed || { tail -n 20 "$OUT/testbed.out" >&2; die "jmasq testbed exited"; }
  elapsed_gt "$t0" 300 && die "jmasq testbed: no RouteFound in 300 s"
  sleep 0.5
done
awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.1f\n", a - b }' > "$OUT/raw/jmasq-ready-s.txt"
log "jmasq: RouteFound $(cat "$OUT/raw/jmasq-ready-s.txt") s after the testbed command started"
JMASQ_PIDS=() EMU_PIDS=()
for h in n1 n2 n3 n4 n5 n6 user; do
  for p in $(ip netns pids "${NS[$h]}"); do alive "$p" java && JMASQ_PIDS+=("$p"); done
done
mapfile -t EMU_PIDS < <(ip netns pids "$PREFIX-net")
((${#JMASQ_PIDS[@]} == 7)) || die "jmasq: expected 7 Node processes, found ${#JMASQ_PIDS[@]}"
if [[ -n $TOR_PID ]]; then
  wait "$TOR_PID" || { cat "$OUT/raw/tor-start.log" >&2; die "the tor network did not start"; }
  cp "$TOR_DIR/bootstrap.txt" "$OUT/raw/tor-bootstrap.txt"
fi

# ------------------------------------------------------------ measuring
printf 'path\tkind\tidx\thttp_code\tbytes\tconnect_s\tttfb_s\ttotal_s\n' > "$SAMPLES"
printf 'path\tphase\twall_s\tmachine_cores\tpath_cores\temulator_cores\tload1\n' > "$OUT/cpu.tsv"
CURL_ARGS=() URL_BASE="" PATH_PIDS=()

# fetch FILE OUTFILE: one GET from the user's host; prints "code bytes connect ttfb total"
fetch() {
  local w
  w=$(on user curl -sS -o "$2" --max-time "$MAX_TIME" "${CURL_ARGS[@]}" \
      -w '%{http_code} %{size_download} %{time_connect} %{time_starttransfer} %{time_total}' \
      "$URL_BASE/$1" 2>> "$OUT/raw/curl-errors.log") || w="000 ${w#* }"
  [[ -n $w && $w != "000 " ]] || w="000 0 0 0 0"
  echo "$w"
}

# sample NAME KIND IDX FILE BYTES: one measured GET into samples.tsv; false if it failed
sample() {
  local code bytes c f t
  read -r code bytes c f t <<< "$(fetch "$4" /dev/null)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$code" "$bytes" "$c" "$f" "$t" >> "$SAMPLES"
  [[ $code == 200 && $bytes == "$5" ]]
}

# sample_retry NAME KIND IDX FILE BYTES: sample, redone up to twice when it fails
sample_retry() {
  local try
  for try in 1 2 3; do
    sample "$@" && return 0
    sed -i '$ s/\t'"$2"'\t/\t'"$2"'-failed\t/' "$SAMPLES"
    log "$1: $2 $3 failed (try $try): $(tail -n 1 "$SAMPLES" | cut -f4-8)"
  done
  die "$1: $2 failed 3 times"
}

# parallel NAME: PARALLEL simultaneous GETs of 5 MiB; one "parallel" row with the wall time to
# the last byte of the last stream, and a "parallel-stream" row per stream
parallel() {
  local name=$1 i t0 t1 ok=1 w
  CURL_PIDS=()
  t0=$(now)
  for ((i = 1; i <= PARALLEL; i++)); do
    on user curl -sS -o /dev/null --max-time "$MAX_TIME" "${CURL_ARGS[@]}" \
      -w '%{http_code} %{size_download} %{time_connect} %{time_starttransfer} %{time_total}' \
      "$URL_BASE/5m.bin" > "$OUT/raw/par-$i.w" 2>> "$OUT/raw/curl-errors.log" &
    CURL_PIDS+=("$!")
  done
  for i in "${!CURL_PIDS[@]}"; do wait "${CURL_PIDS[$i]}" || ok=0; done
  t1=$(now)
  CURL_PIDS=()
  for ((i = 1; i <= PARALLEL; i++)); do
    w=$(cat "$OUT/raw/par-$i.w" 2>/dev/null || echo "000 0 0 0 0")
    [[ $w == "200 5242880 "* ]] || ok=0
    printf '%s\tparallel-stream\t%s\t%s\n' "$name" "$i" "$(tr ' ' '\t' <<< "$w")" >> "$SAMPLES"
  done
  printf '%s\tparallel\t1\t%s\t%s\t0\t0\t%s\n' "$name" "$([[ $ok == 1 ]] && echo 200 || echo 000)" \
    $((PARALLEL * 5242880)) "$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.6f", a - b }')" >> "$SAMPLES"
  ((ok))
}

# cpu_mark / cpu_note NAME PHASE: the machine's, the path's and the emulator's CPU over a phase
cpu_mark() { M0=$(busy_ticks); P0=$(pids_ticks "${PATH_PIDS[@]}"); E0=$(pids_ticks "${EMU_PIDS[@]}"); W0=$(now); }
cpu_note() {
  local m p e
  m=$(busy_ticks); p=$(pids_ticks "${PATH_PIDS[@]}"); e=$(pids_ticks "${EMU_PIDS[@]}")
  awk -v OFS='\t' -v n="$1" -v ph="$2" -v w="$(awk -v a="$(now)" -v b="$W0" 'BEGIN { print a - b }')" \
      -v m=$((m - M0)) -v p=$((p - P0)) -v e=$((e - E0)) -v h="$CLK_TCK" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
      'BEGIN { printf "%s\t%s\t%.1f\t%.2f\t%.2f\t%.2f\t%s\n", n, ph, w, m / h / w, p / h / w, e / h / w, l }' >> "$OUT/cpu.tsv"
}

measure() {
  local name=$1 nwarm=$2 i s sha code
  log "$name: warm-up: $nwarm x 5 MiB and 3 x 1 KiB (not measured)"
  for ((i = 1; i <= nwarm; i++)); do
    read -r code _ <<< "$(fetch 5m.bin "$OUT/raw/warm.bin")"
    sha=$(sha256sum "$OUT/raw/warm.bin" 2>/dev/null | cut -d' ' -f1 || true)
    rm -f "$OUT/raw/warm.bin"
    [[ $code == 200 && $sha == "$SHA_5M" ]] || die "$name: warm-up download failed or corrupt (code $code)"
  done
  for i in 1 2 3; do fetch 1k.bin /dev/null > /dev/null; done
  log "$name: warm-up downloads match the file's SHA-256; measuring"
  cpu_mark
  for ((i = 1; i <= TTFB_REQS; i++)); do sample_retry "$name" ttfb "$i" 1k.bin 1024; done
  cpu_note "$name" ttfb
  for s in "${SIZES[@]}"; do
    cpu_mark
    for ((i = 1; i <= SIZE_REQS; i++)); do sample_retry "$name" "${s%%:*}" "$i" "${s%%:*}.bin" "${s#*:}"; done
    cpu_note "$name" "${s%%:*}"
  done
  cpu_mark
  sample_retry "$name" bulk 1 bulk.bin $((BULK_MIB * 1048576))
  cpu_note "$name" bulk
  log "$name: bulk: $(tail -n 1 "$SAMPLES" | awk -F'\t' '{ printf "%.1f s, %.2f MB/s", $8, $5 / $8 / 1e6 }')"
  cpu_mark
  parallel "$name" || { log "$name: a parallel stream failed; once more"; parallel "$name" || die "$name: parallel streams failed"; }
  cpu_note "$name" parallel
  log "$name: $PARALLEL x 5 MiB: $(tail -n 1 "$SAMPLES" | awk -F'\t' '{ printf "%.1f s, %.2f MB/s", $8, $5 / $8 / 1e6 }')"
}

for name in $PATHS; do
  log "=== $name ==="
  CURL_ARGS=() PATH_PIDS=()
  case $name in
    direct)
      URL_BASE="http://${ADDR[origin]}:$HTTP_PORT"
      measure direct 1 ;;
    socat3)
      hops=(f1 f2 f3)
      for i in 0 1 2; do
        if ((i < 2)); then to="${ADDR[${hops[$((i + 1))]}]}:${SOCAT_PORTS[$((i + 1))]}"; else to="${ADDR[origin]}:$HTTP_PORT"; fi
        on "${hops[$i]}" socat -b 65536 "TCP-LISTEN:${SOCAT_PORTS[$i]},bind=${ADDR[${hops[$i]}]},reuseaddr,fork,nodelay,backlog=64" \
          "TCP:$to,nodelay" > "$OUT/raw/socat$i.log" 2>&1 &
        SOCAT_PIDS+=("$!")
        await_listening "${hops[$i]}" "${SOCAT_PORTS[$i]}" 10 || die "socat on ${hops[$i]} did not start"
      done
      PATH_PIDS=("${SOCAT_PIDS[@]}")
      URL_BASE="http://${ADDR[f1]}:${SOCAT_PORTS[0]}"
      measure socat3 1
      for p in "${SOCAT_PIDS[@]}"; do stop_pid "$p" socat 5; done
      SOCAT_PIDS=() ;;
    tor)
      mapfile -t PATH_PIDS < <("$PATHS_DIR/tor-privnet.sh" pids "$TOR_DIR" | awk '{ print $2 }')
      ((${#PATH_PIDS[@]} == 7)) || die "tor: expected 7 tor processes, found ${#PATH_PIDS[@]}"
      CURL_ARGS=(--socks5-hostname "127.0.0.1:$TOR_SOCKS_PORT")
      URL_BASE="http://${ADDR[origin]}:$HTTP_PORT"
      measure tor 1
      "$PATHS_DIR/tor-privnet.sh" circuits "$TOR_DIR" | grep 'PURPOSE=GENERAL' > "$OUT/raw/tor-circuits.txt" || true
      stop_tor; unset TOR_HOSTS ;;
    jmasq)
      PATH_PIDS=("${JMASQ_PIDS[@]}")
      CURL_ARGS=(--socks5-hostname "127.0.0.1:1080")
      URL_BASE="http://${ADDR[origin]}:$HTTP_PORT"
      measure jmasq 3
      # the routes of the streams, from the user's Node's log (it goes with the testbed)
      grep -ho 'route .*' "$RUN_DIR"/user.*.log 2>/dev/null | sed 's/ (route #.*//; s/ > />/g' | sort | uniq -c | sort -rn \
        > "$OUT/raw/jmasq-routes.txt" || true
      cp "$RUN_DIR"/*.log "$OUT/raw/" 2>/dev/null || true ;;
    *) die "unknown path $name (expected: direct socat3 jmasq tor)" ;;
  esac
done
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.txt"

# ------------------------------------------------------------------ summary
"$HERE/summary.sh" "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
log "results in $OUT (summary.md, samples.tsv, cpu.tsv, env.txt, raw/)"
