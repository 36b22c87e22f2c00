#!/usr/bin/env bash
# The paths benchmark: JMasq vs Tor vs three plain forwarders vs direct TCP, in one run on this
# machine, all on loopback.
#
#   bench/paths/run.sh
#
# Paths, each to the same local HTTP server (127.0.0.1:B+400, see lib.sh for the ports):
#   direct  curl -> server
#   socat3  curl -> socat -> socat -> socat -> server          (no crypto: the forwarding limit)
#   jmasq   curl --socks5-hostname -> JMasq devnet of 7 Nodes, 3-hop route -> server
#   jmasq-opt  the same devnet with --optimistic-data (SOCKS5 answered before the exit confirms)
#   tor     curl --socks5-hostname -> private Tor network (tor-privnet.sh), 3-hop circuit -> server
# For each path: bulk throughput of a 64 MiB file (MB/s, MB = 10^6 bytes, median of 3); time to
# first byte and total time of a 1 KiB GET on a new stream (a new curl process and connection
# each time; p50/p90 of 20); CPU seconds per MB moved, summed over the processes of the path (the
# socat processes, the 7 Node JVMs, the 7 tor processes) from /proc/PID/stat before and after the
# bulk transfers. Every path gets warm-up transfers before it is measured (JMasq more, for its
# JIT); the first warm-up download is checked against the file's SHA-256.
#
# Results: a summary (Markdown table) on stdout and in $BENCH_OUT/summary.md, every sample in
# $BENCH_OUT/samples.tsv, the logs of the networks under $BENCH_OUT. Everything the script
# starts is stopped when it ends, on failure too.
#
# Environment (defaults in brackets):
#   BENCH_OUT            results directory                     [/tmp/jmasq-bench-<UTC>]
#   BENCH_PATHS          paths to measure, in order            ["direct socat3 jmasq jmasq-opt tor"]
#   BENCH_BIG_MIB        bulk file size in MiB                 [64]
#   BENCH_BULK_RUNS      measured bulk downloads per path      [3]
#   BENCH_SMALL_REQS     measured 1 KiB GETs per path          [20]
#   BENCH_WARM_BULK      warm-up bulk downloads, other paths   [1]
#   BENCH_JMASQ_WARM_BULK warm-up bulk downloads for JMasq     [3]
#   BENCH_WARM_SMALL     warm-up 1 KiB GETs per path           [20]
#   BENCH_QUIET_CORES    wait before each path until the load of other processes is below this
#                        many cores ...                        [0.5]
#   BENCH_QUIET_TIMEOUT  ... but at most this many seconds     [90]
#   BENCH_MAX_OTHER      a bulk download (or the batch of small GETs) during which other
#                        processes used more cores than this is redone ... [0.3]
#   BENCH_MAX_REDO       ... at most this many times per path (bulk)     [3]; small batch: 2
#   BENCH_REDO_QUIET_TIMEOUT  before a redo, wait at most this long for a quiet machine [45]
#   BENCH_WAIT_BUDGET    all those waits together, per run, at most (s)  [300]
#   BENCH_BASE_PORT      first port of the port map (lib.sh)   [17000]
#   BENCH_KEEP_FILES     1 = keep the 64 MiB file              [0]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${BENCH_OUT:-/tmp/jmasq-bench-$STAMP}
PATHS=${BENCH_PATHS:-direct socat3 jmasq jmasq-opt tor}
BIG_MIB=${BENCH_BIG_MIB:-64}
BULK_RUNS=${BENCH_BULK_RUNS:-3}
SMALL_REQS=${BENCH_SMALL_REQS:-20}
WARM_BULK=${BENCH_WARM_BULK:-1}
JMASQ_WARM_BULK=${BENCH_JMASQ_WARM_BULK:-3}
WARM_SMALL=${BENCH_WARM_SMALL:-20}
QUIET_CORES=${BENCH_QUIET_CORES:-0.5}
QUIET_TIMEOUT=${BENCH_QUIET_TIMEOUT:-90}
MAX_OTHER=${BENCH_MAX_OTHER:-0.3}
MAX_REDO=${BENCH_MAX_REDO:-3}
REDO_QUIET_TIMEOUT=${BENCH_REDO_QUIET_TIMEOUT:-45}
WAIT_BUDGET=${BENCH_WAIT_BUDGET:-300}
WAIT_SPENT=0
BIG_BYTES=$((BIG_MIB * 1048576))
BULK_MAX_TIME=300      # per 64 MiB transfer: 0.2 MB/s is a failure, not a figure
SMALL_MAX_TIME=30

mkdir -p "$OUT/www" "$OUT/pids" "$OUT/raw"
SAMPLES=$OUT/samples.tsv
SUMMARY=$OUT/summary.md
RUNLOG=$OUT/run.log
exec 2> >(tee -a "$RUNLOG" >&2)
T_START=$(now)

# ------------------------------------------------------------------ cleanup
HTTP_PID="" DEVNET_PID="" SOCAT_PIDS=() TOR_DIR=$OUT/tor JMASQ_DIR=$OUT/jmasq
stop_devnet() {
  [[ -n $DEVNET_PID ]] || return 0
  stop_pid "$DEVNET_PID" devnet 30
  local f pid
  for f in "$JMASQ_DIR"/node-*/node.lock; do
    [[ -f $f ]] || continue
    pid=$(tr -dc 0-9 < "$f")
    stop_pid "$pid" java 5
  done
  DEVNET_PID=""
}
stop_socat() {
  local p
  for p in "${SOCAT_PIDS[@]}"; do stop_pid "$p" socat 5; done
  SOCAT_PIDS=()
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  ((rc == 0)) || log "run failed (rc=$rc); stopping everything it started; logs in $OUT"
  stop_socat
  stop_devnet
  "$HERE/tor-privnet.sh" stop "$TOR_DIR" 2>/dev/null || true
  [[ -z $HTTP_PID ]] || stop_pid "$HTTP_PID" httpserver.py 5
  [[ ${BENCH_KEEP_FILES:-0} == 1 ]] || rm -f "$OUT/www/big.bin" "$OUT"/raw/*.bin
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------ prerequisites
ensure_packages
for p in "$HTTP_PORT" "${SOCAT_PORTS[@]}" "$JMASQ_PROXY_PORT" "$TOR_SOCKS_PORT"; do
  port_in_use "$p" && die "TCP port $p is in use; set BENCH_BASE_PORT to another range"
done
for p in $(seq $((BENCH_BASE_PORT + 100)) $((BENCH_BASE_PORT + 126))); do
  port_in_use "$p" && die "TCP port $p is in use; set BENCH_BASE_PORT to another range"
done
if [[ $PATHS == *jmasq* ]]; then
  log "building JMasq if needed (bin/jmasq builds on first use)"
  env -u JAVA_HOME timeout 900 "$ROOT/bin/jmasq" --version > "$OUT/jmasq-version.txt" 2>&1 \
    || { cat "$OUT/jmasq-version.txt" >&2; die "bin/jmasq --version failed"; }
fi

{
  echo "date_utc=$(date -u +%FT%TZ)"
  echo "git=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none) $(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo dirty || echo clean)"
  echo "cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo) x $(nproc)"
  echo "mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "kernel=$(uname -r)"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java=$("$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64 2>/dev/null || echo /usr)"/bin/java -version 2>&1 | head -1)"
  echo "jmasq=$(grep -v WARNING "$OUT/jmasq-version.txt" 2>/dev/null | tail -1)"
  echo "tor=$(tor --version | head -1 | sed 's/\.$//')"
  echo "socat=$(socat -V | awk '/socat version/ { print $3; exit }')"
  echo "curl=$(curl --version | head -1 | awk '{ print $2 }')"
  echo "python=$($PYTHON --version 2>&1)"
  echo "file_bytes=$BIG_BYTES bulk_runs=$BULK_RUNS small_reqs=$SMALL_REQS warm_bulk=$WARM_BULK jmasq_warm_bulk=$JMASQ_WARM_BULK warm_small=$WARM_SMALL"
} > "$OUT/env.txt"

# ------------------------------------------------------------ HTTP server
log "writing the ${BIG_MIB} MiB and 1 KiB files"
head -c "$BIG_BYTES" /dev/urandom > "$OUT/www/big.bin"
head -c 1024 /dev/urandom > "$OUT/www/small.bin"
BIG_SHA=$(sha256sum "$OUT/www/big.bin" | cut -d' ' -f1)
"$PYTHON" "$HERE/httpserver.py" "$HTTP_IP" "$HTTP_PORT" "$OUT/www" > "$OUT/httpserver.log" 2>&1 &
HTTP_PID=$!
echo "$HTTP_PID" > "$OUT/pids/http.pid"
wait_listen "$HTTP_PORT" 10 || die "the HTTP server did not start"

printf 'path\tkind\tidx\thttp_code\tbytes\tttfb_s\ttotal_s\tMBps\tpath_cpu_s\tserver_cpu_s\tcurl_cpu_s\tmachine_busy_s\twall_s\tmachine_irq_s\tbench_cpu_s\n' > "$SAMPLES"

# ------------------------------------------------------------ measuring
PATH_PIDS=()     # the processes whose CPU is the path's
CURL_ARGS=()     # how curl reaches the server over the path
URL_BASE=""

# fetch KIND FILE MAXTIME OUTFILE -> "code bytes ttfb total curl_cpu_s" (curl errors in raw/)
fetch() {
  local file=$1 maxtime=$2 outfile=$3 w rc=0 t
  local TIMEFORMAT='%U %S'
  { time curl -sS -o "$outfile" --max-time "$maxtime" "${CURL_ARGS[@]}" \
      -w '%{http_code} %{size_download} %{time_starttransfer} %{time_total}' \
      "$URL_BASE/$file" > "$OUT/raw/curl.w" 2>> "$OUT/raw/curl-errors.log" || rc=$?; } 2> "$OUT/raw/curl.time"
  w=$(cat "$OUT/raw/curl.w" 2>/dev/null || true)
  [[ -n $w ]] || w="000 0 0 0"
  t=$(awk '{ printf "%.3f", $1 + $2 }' "$OUT/raw/curl.time")
  if ((rc != 0)); then w="000 ${w#* }"; fi
  echo "$w $t"
}

# sample PATHNAME KIND IDX FILE EXPECTED_BYTES MAXTIME: one measured GET, appended to samples.tsv;
# returns 1 when the transfer failed or was short
sample() {
  local name=$1 kind=$2 idx=$3 file=$4 expect=$5 maxtime=$6
  local p0 s0 b0 t0 i0 x0 p1 s1 b1 t1 i1 x1 res code bytes ttfb total ccpu
  x0=$(own_ticks $$)
  p0=$(pids_ticks "${PATH_PIDS[@]}"); s0=$(proc_ticks "$HTTP_PID"); b0=$(busy_ticks); i0=$(irq_ticks); t0=$(now)
  res=$(fetch "$file" "$maxtime" /dev/null)
  # socat's per-connection children are reaped just after the transfer; let that happen
  [[ $kind != bulk ]] || sleep 0.3
  p1=$(pids_ticks "${PATH_PIDS[@]}"); s1=$(proc_ticks "$HTTP_PID"); b1=$(busy_ticks); i1=$(irq_ticks); t1=$(now)
  x1=$(own_ticks $$)
  read -r code bytes ttfb total ccpu <<< "$res"
  awk -v OFS='\t' -v n="$name" -v k="$kind" -v i="$idx" -v c="$code" -v by="$bytes" -v tf="$ttfb" \
      -v tt="$total" -v cc="$ccpu" -v p="$((p1 - p0))" -v s="$((s1 - s0))" -v b="$((b1 - b0))" \
      -v h="$CLK_TCK" -v t0="$t0" -v t1="$t1" -v q="$((i1 - i0))" -v x="$((x1 - x0))" 'BEGIN {
        mbps = (tt > 0) ? by / tt / 1e6 : 0
        printf "%s\t%s\t%s\t%s\t%s\t%.6f\t%.6f\t%.2f\t%.2f\t%.2f\t%.3f\t%.2f\t%.3f\t%.2f\t%.2f\n",
          n, k, i, c, by, tf, tt, mbps, p / h, s / h, cc, b / h, t1 - t0, q / h, x / h }' >> "$SAMPLES"
  [[ $code == 200 && $bytes == "$expect" ]]
}

# other_cores: reads samples.tsv lines, prints the mean CPU load of the processes outside the
# bench (machine busy minus path, server and curl) over their wall time, in cores
other_cores() {
  awk -F'\t' '{ b += $12; p += $9; s += $10; x += $15; w += $13 }
    END { f = (w > 0) ? (b - p - s - x) / w : 0; printf "%.2f\n", (f < 0 ? 0 : f) }'
}

# wait_quiet NAME: wait (at most QUIET_TIMEOUT s) until the CPU load of processes other than the
# path's is below QUIET_CORES, measured over 2 s windows; log what was seen either way.
wait_quiet() {
  local name=$1 timeout=${2:-$QUIET_TIMEOUT} t0 b0 p0 b1 p1 foreign left
  # all waits of a run share one budget, so that a busy machine cannot stretch the run
  left=$((WAIT_BUDGET - WAIT_SPENT))
  ((left > 2)) || left=2
  ((timeout <= left)) || timeout=$left
  t0=$(now)
  while :; do
    WAIT_SPENT=$((WAIT_SPENT + 2))
    b0=$(busy_ticks); p0=$(pids_ticks "${PATH_PIDS[@]}" "$HTTP_PID")
    sleep 2
    b1=$(busy_ticks); p1=$(pids_ticks "${PATH_PIDS[@]}" "$HTTP_PID")
    foreign=$(awk -v b=$((b1 - b0)) -v p=$((p1 - p0)) -v h="$CLK_TCK" 'BEGIN { f = (b - p) / h / 2; printf "%.2f", (f < 0 ? 0 : f) }')
    if awk -v f="$foreign" -v q="$QUIET_CORES" 'BEGIN { exit !(f < q) }'; then
      log "$name: other processes use $foreign cores (< $QUIET_CORES): measuring"
      echo "$name quiet_wait_s=$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.0f", a - b }') foreign_cores_at_start=$foreign" >> "$OUT/raw/quiet.txt"
      return 0
    fi
    if elapsed_gt "$t0" "$timeout"; then
      log "$name: other processes still use $foreign cores after ${timeout}s: measuring anyway (noisy)"
      echo "$name quiet_wait_s=$timeout foreign_cores_at_start=$foreign NOT_QUIET" >> "$OUT/raw/quiet.txt"
      return 0
    fi
  done
}

# measure NAME NWARM_BULK: warm-up, then the bulk and small samples of one path
measure() {
  local name=$1 nwarm=$2 i tries res code ok sha
  log "$name: warm-up: $nwarm x ${BIG_MIB} MiB and $WARM_SMALL x 1 KiB (not measured)"
  for ((i = 1; i <= nwarm; i++)); do
    res=$(fetch big.bin "$BULK_MAX_TIME" "$OUT/raw/$name-warm.bin")
    read -r code _ _ _ _ <<< "$res"
    if ((i == 1)); then
      sha=$(sha256sum "$OUT/raw/$name-warm.bin" 2>/dev/null | cut -d' ' -f1 || true)
      [[ $code == 200 && $sha == "$BIG_SHA" ]] || die "$name: warm-up download failed or corrupt (code $code)"
      log "$name: warm-up download matches the file's SHA-256"
    fi
    rm -f "$OUT/raw/$name-warm.bin"
    log "$name: warm-up $i: $(awk '{ printf "%.1f MB/s", ($4 > 0 ? $2 / $4 / 1e6 : 0) }' <<< "$res")"
  done
  for ((i = 1; i <= WARM_SMALL; i++)); do fetch small.bin "$SMALL_MAX_TIME" /dev/null > /dev/null; done
  wait_quiet "$name"
  local redone=0 other
  for ((i = 1; i <= BULK_RUNS; i++)); do
    ok=0
    for tries in 1 2 3; do
      if sample "$name" bulk "$i" big.bin "$BIG_BYTES" "$BULK_MAX_TIME"; then ok=1; break; fi
      log "$name: bulk $i failed (try $tries): $(tail -n 1 "$SAMPLES" | cut -f4-7); path processes alive: $(n=0; for q in "${PATH_PIDS[@]}"; do [[ -d /proc/$q ]] && n=$((n + 1)); done; echo "$n/${#PATH_PIDS[@]}")"
      sed -i '$ s/\tbulk\t/\tbulk-failed\t/' "$SAMPLES"
    done
    ((ok)) || die "$name: bulk download failed 3 times"
    other=$(tail -n 1 "$SAMPLES" | other_cores)
    log "$name: bulk $i: $(tail -n 1 "$SAMPLES" | awk -F'\t' '{ printf "%s MB/s, path CPU %s s", $8, $9 }'), other processes $other cores"
    if ((redone < MAX_REDO)) && awk -v o="$other" -v m="$MAX_OTHER" 'BEGIN { exit !(o > m) }'; then
      redone=$((redone + 1))
      log "$name: bulk $i disturbed by other processes ($other > $MAX_OTHER cores): redoing it ($redone/$MAX_REDO)"
      sed -i '$ s/\tbulk\t/\tbulk-disturbed\t/' "$SAMPLES"
      i=$((i - 1))
      wait_quiet "$name" "$REDO_QUIET_TIMEOUT"
    fi
  done
  local failed=0 batch start_line
  for batch in 1 2 3; do
    start_line=$(wc -l < "$SAMPLES")
    for ((i = 1; i <= SMALL_REQS; i++)); do
      if ! sample "$name" small "$i" small.bin 1024 "$SMALL_MAX_TIME"; then
        failed=$((failed + 1))
        sed -i '$ s/\tsmall\t/\tsmall-failed\t/' "$SAMPLES"
        ((failed <= 5)) || die "$name: more than 5 small GETs failed"
        i=$((i - 1))
      fi
    done
    # the batch as a whole (single GETs are too short for /proc/stat's 10 ms ticks)
    other=$(tail -n +"$((start_line + 1))" "$SAMPLES" | awk -F'\t' '$2 == "small"' | other_cores)
    if ((batch < 3)) && awk -v o="$other" -v m="$MAX_OTHER" 'BEGIN { exit !(o > m) }'; then
      log "$name: the small GETs were disturbed by other processes ($other > $MAX_OTHER cores): redoing them"
      sed -i "$((start_line + 1)),\$ s/\tsmall\t/\tsmall-disturbed\t/" "$SAMPLES"
      wait_quiet "$name" "$REDO_QUIET_TIMEOUT"
      continue
    fi
    log "$name: small GETs: other processes $other cores"
    break
  done
  log "$name: $SMALL_REQS small GETs done ($failed failed and redone)"
}

start_socat() {
  local i to
  stop_socat
  for i in 0 1 2; do
    if ((i < 2)); then to=${SOCAT_PORTS[$((i + 1))]}; else to=$HTTP_PORT; fi
    socat -b 65536 "TCP-LISTEN:${SOCAT_PORTS[$i]},bind=$HTTP_IP,reuseaddr,fork,nodelay,backlog=64" \
      "TCP:$HTTP_IP:$to,nodelay" > "$OUT/raw/socat$i.log" 2>&1 &
    SOCAT_PIDS+=("$!")
    wait_listen "${SOCAT_PORTS[$i]}" 10 || die "socat on ${SOCAT_PORTS[$i]} did not start"
  done
}

# start_devnet [extra devnet options...]
start_devnet() {
  local t0 f pid n
  mkdir -p "$JMASQ_DIR"
  log "jmasq: starting devnet (7 Nodes on 127.0.0.2-8, proxy 127.0.0.1:$JMASQ_PROXY_PORT)"
  t0=$(now)
  # --dns-servers: an unused loopback port, so that no exit ever asks a resolver off the host
  # (the bench gives IP literals only).
  env -u JAVA_HOME "$ROOT/bin/jmasq" devnet --nodes 7 --proxy-port "$JMASQ_PROXY_PORT" \
    --allow-private-targets --dns-servers 127.0.0.1:9 --data-directory "$JMASQ_DIR" "$@" \
    > "$JMASQ_DIR/devnet.out" 2>&1 &
  DEVNET_PID=$!
  echo "$DEVNET_PID" > "$OUT/pids/devnet.pid"
  while ! grep -qs "RouteFound.*--socks5-hostname 127.0.0.1:$JMASQ_PROXY_PORT" "$JMASQ_DIR/devnet.out"; do
    kill -0 "$DEVNET_PID" 2>/dev/null || { tail -n 20 "$JMASQ_DIR/devnet.out" >&2; die "devnet exited"; }
    elapsed_gt "$t0" 180 && { tail -n 20 "$JMASQ_DIR/devnet.out" >&2; die "devnet: no RouteFound in 180 s"; }
    sleep 0.2
  done
  local ready=$OUT/raw/$(basename "$JMASQ_DIR")-ready.txt
  awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "devnet_ready_s=%.1f\n", a - b }' > "$ready"
  log "jmasq: RouteFound after $(cut -d= -f2 "$ready") s"
  PATH_PIDS=()
  for f in "$JMASQ_DIR"/node-*/node.lock; do
    pid=$(tr -dc 0-9 < "$f")
    alive "$pid" java && PATH_PIDS+=("$pid")
  done
  n=${#PATH_PIDS[@]}
  ((n == 7)) || die "jmasq: expected 7 Node processes, found $n"
  local bad; bad=$(nonloopback_sockets "${PATH_PIDS[@]}" "$DEVNET_PID")
  [[ -z $bad ]] || die "jmasq: sockets outside 127.0.0.0/8: $bad"
  log "jmasq: 7 Node processes (pids ${PATH_PIDS[*]}), every socket on 127.0.0.0/8"
}

for name in $PATHS; do
  log "=== $name ==="
  PATH_PIDS=() CURL_ARGS=()
  case $name in
    direct)
      URL_BASE="http://$HTTP_IP:$HTTP_PORT"
      measure direct "$WARM_BULK" ;;
    socat3)
      start_socat
      PATH_PIDS=("${SOCAT_PIDS[@]}")
      URL_BASE="http://$HTTP_IP:${SOCAT_PORTS[0]}"
      measure socat3 "$WARM_BULK"
      stop_socat ;;
    jmasq)
      start_devnet
      CURL_ARGS=(--socks5-hostname "$HTTP_IP:$JMASQ_PROXY_PORT")
      URL_BASE="http://$HTTP_IP:$HTTP_PORT"
      l0=$(grep -c 'route ' "$JMASQ_DIR/node-1/node.err" 2>/dev/null || true)
      measure jmasq "$JMASQ_WARM_BULK"
      # the routes of the streams (the user's Node logs one line per stream)
      grep -ho 'route .*' "$JMASQ_DIR/node-1/node.err" "$JMASQ_DIR/node-1/node.log" 2>/dev/null \
        | sed 's/ (route #.*//' | sort | uniq -c | sort -rn > "$OUT/raw/jmasq-routes.txt" || true
      # one line per stream route: "N streams: originator > relay > relay > exit (k hops), back ..."
      awk '{ n = $1; $1 = ""; sub(/^ route /, ""); split($0, part, ", back ")
             h = split(part[1], fw, " > "); r = ""
             for (k = 1; k <= h; k++) r = r (k > 1 ? " > " : "") substr(fw[k], 1, 8)
             b = split(part[2], bw, " > "); rb = ""
             for (k = 1; k <= b; k++) rb = rb (k > 1 ? " > " : "") substr(bw[k], 1, 8)
             printf "%d streams: %s (%d hops), back %s (%d hops)\n", n, r, h - 1, rb, b - 1 }' \
        "$OUT/raw/jmasq-routes.txt" > "$OUT/raw/jmasq-routes-short.txt" || true
      for f in "$JMASQ_DIR"/node-*/node.log; do
        echo "$(basename "$(dirname "$f")") $(grep 'JMasq Node traffic' "$f" | tail -n 1)"
      done > "$OUT/raw/jmasq-traffic.txt"
      stop_devnet ;;
    jmasq-opt)
      JMASQ_DIR=$OUT/jmasq-opt
      start_devnet --optimistic-data
      CURL_ARGS=(--socks5-hostname "$HTTP_IP:$JMASQ_PROXY_PORT")
      URL_BASE="http://$HTTP_IP:$HTTP_PORT"
      measure jmasq-opt "$JMASQ_WARM_BULK"
      stop_devnet
      JMASQ_DIR=$OUT/jmasq ;;
    tor)
      "$HERE/tor-privnet.sh" start "$TOR_DIR"
      cp "$TOR_DIR/bootstrap.txt" "$OUT/raw/tor-bootstrap.txt"
      mapfile -t PATH_PIDS < <("$HERE/tor-privnet.sh" pids "$TOR_DIR" | awk '{ print $2 }')
      ((${#PATH_PIDS[@]} == 7)) || die "tor: expected 7 tor processes, found ${#PATH_PIDS[@]}"
      CURL_ARGS=(--socks5-hostname "$HTTP_IP:$TOR_SOCKS_PORT")
      URL_BASE="http://$HTTP_IP:$HTTP_PORT"
      measure tor "$WARM_BULK"
      "$HERE/tor-privnet.sh" circuits "$TOR_DIR" | grep 'PURPOSE=GENERAL' > "$OUT/raw/tor-circuits.txt" || true
      "$HERE/tor-privnet.sh" stop "$TOR_DIR" ;;
    *) die "unknown path $name (expected: direct socat3 jmasq jmasq-opt tor)" ;;
  esac
done

# ------------------------------------------------------------------ summary
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.txt"
declare -A BULK TTFB50 TTFB90 TOT50 TOT90 CPUMB ENDMB FOREIGN BULKRANGE
for name in $PATHS; do
  awk -F'\t' -v n="$name" '$1 == n && $2 == "bulk"' "$SAMPLES" > "$OUT/raw/$name-bulk.tsv"
  awk -F'\t' -v n="$name" '$1 == n && $2 == "small"' "$SAMPLES" > "$OUT/raw/$name-small.tsv"
  read -r _ med _ mn mx _ <<< "$(stats "$OUT/raw/$name-bulk.tsv" 8)"
  BULK[$name]=$(printf '%.1f' "$med"); BULKRANGE[$name]=$(printf '%.1f..%.1f' "$mn" "$mx")
  read -r _ a b _ _ _ <<< "$(stats "$OUT/raw/$name-small.tsv" 6)"
  TTFB50[$name]=$(awk -v x="$a" 'BEGIN { printf "%.2f", x * 1000 }'); TTFB90[$name]=$(awk -v x="$b" 'BEGIN { printf "%.2f", x * 1000 }')
  read -r _ a b _ _ _ <<< "$(stats "$OUT/raw/$name-small.tsv" 7)"
  TOT50[$name]=$(awk -v x="$a" 'BEGIN { printf "%.2f", x * 1000 }'); TOT90[$name]=$(awk -v x="$b" 'BEGIN { printf "%.2f", x * 1000 }')
  read -r CPUMB[$name] ENDMB[$name] FOREIGN[$name] <<< "$(awk -F'\t' '
    { by += $5; p += $9; s += $10; c += $11; b += $12; w += $13; q += $14; x += $15 }
    END { mb = by / 1e6; f = (b - p - s - x) / w; if (f < 0) f = 0
          printf "%.4f %.4f %.2f/%.2f\n", p / mb, (s + c) / mb, f, q / w }' "$OUT/raw/$name-bulk.tsv")"
  [[ $name != direct ]] || CPUMB[$name]="-"
done

{
  echo "## Paths benchmark, $(date -u +%FT%TZ)"
  echo
  echo "Command: \`bench/paths/run.sh\`; results in \`$OUT\`."
  echo "Machine: $(awk -F= '/^cpu=/ { print $2 }' "$OUT/env.txt"), $(awk -F= '/^mem=/ { print $2 }' "$OUT/env.txt"); load average before $(awk -F= '/^load_before=/ { print $2 }' "$OUT/env.txt"), after $(awk -F= '/^load_after=/ { print $2 }' "$OUT/env.txt")."
  echo "Versions: $(awk -F= '/^jmasq=/ { print $2 }' "$OUT/env.txt") ($(awk -F= '/^git=/ { print $2 }' "$OUT/env.txt")), $(awk -F= '/^java=/ { print $2 }' "$OUT/env.txt"), $(awk -F= '/^tor=/ { print $2 }' "$OUT/env.txt"), socat $(awk -F= '/^socat=/ { print $2 }' "$OUT/env.txt"), curl $(awk -F= '/^curl=/ { print $2 }' "$OUT/env.txt")."
  echo "Bulk: ${BIG_MIB} MiB, median of $BULK_RUNS, MB = 10^6 bytes. Small: $SMALL_REQS GETs of 1 KiB, each a new curl process and a new stream; p50/p90. Warm-up before measuring: $JMASQ_WARM_BULK bulk + $WARM_SMALL small for JMasq, $WARM_BULK bulk + $WARM_SMALL small for the others."
  echo
  echo "| path | bulk MB/s median [min..max] | 1 KiB TTFB p50 / p90 ms | 1 KiB total p50 / p90 ms | path CPU s per MB | curl+server CPU s per MB | during bulk: other processes / kernel irq (cores) |"
  echo "|---|---|---|---|---|---|---|"
  for name in $PATHS; do
    case $name in
      direct) label="direct TCP" ;;
      socat3) label="3 socat forwarders" ;;
      jmasq) label="JMasq, 3-hop route (7 Nodes)" ;;
      jmasq-opt) label="JMasq, the same with --optimistic-data" ;;
      tor) label="Tor, 3-hop circuit (private network)" ;;
    esac
    echo "| $label | ${BULK[$name]} [${BULKRANGE[$name]}] | ${TTFB50[$name]} / ${TTFB90[$name]} | ${TOT50[$name]} / ${TOT90[$name]} | ${CPUMB[$name]} | ${ENDMB[$name]} | ${FOREIGN[$name]} |"
  done
  if [[ -n ${BULK[jmasq]:-} ]]; then
    echo
    echo "| JMasq / ... | bulk MB/s | TTFB p50 | total p50 | path CPU per MB |"
    echo "|---|---|---|---|---|"
    for other in tor socat3 direct; do
      [[ -n ${BULK[$other]:-} ]] || continue
      echo "| $other | $(ratio "${BULK[jmasq]}" "${BULK[$other]}") | $(ratio "${TTFB50[jmasq]}" "${TTFB50[$other]}") | $(ratio "${TOT50[jmasq]}" "${TOT50[$other]}") | $([[ $other == direct ]] && echo - || ratio "${CPUMB[jmasq]}" "${CPUMB[$other]}") |"
    done
    echo
    echo "Targets:"
    verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
    if [[ -n ${BULK[tor]:-} ]]; then
      echo "- bulk >= 10x Tor's: $(ratio "${BULK[jmasq]}" "${BULK[tor]}" %.2f)x: $(verdict "${BULK[jmasq]} >= 10 * ${BULK[tor]}")"
      echo "- CPU per MB < 1/10 of Tor's: $(ratio "${CPUMB[jmasq]}" "${CPUMB[tor]}" %.2f)x Tor's: $(verdict "${CPUMB[jmasq]} < 0.1 * ${CPUMB[tor]}")"
    fi
    if [[ -n ${BULK[socat3]:-} ]]; then
      echo "- bulk >= 25% of the forwarder chain: $(awk -v a="${BULK[jmasq]}" -v b="${BULK[socat3]}" 'BEGIN { printf "%.1f%%", 100 * a / b }'): $(verdict "${BULK[jmasq]} >= 0.25 * ${BULK[socat3]}")"
      echo "- TTFB p50 below the forwarder chain's: ${TTFB50[jmasq]} vs ${TTFB50[socat3]} ms: $(verdict "${TTFB50[jmasq]} < ${TTFB50[socat3]}")"
      [[ -z ${TTFB50[jmasq-opt]:-} ]] || echo "- the same with --optimistic-data: ${TTFB50[jmasq-opt]} vs ${TTFB50[socat3]} ms: $(verdict "${TTFB50[jmasq-opt]} < ${TTFB50[socat3]}")"
    fi
    echo "- devnet ready (RouteFound) in $(cut -d= -f2 "$OUT/raw/jmasq-ready.txt") s"
  fi
  echo
  echo "Notes:"
  [[ ! -f $OUT/raw/tor-bootstrap.txt ]] || echo "- Tor: bootstrap to 100% took $(cut -d= -f2 "$OUT/raw/tor-bootstrap.txt" | head -1) s; the client's general-purpose circuits after the bulk runs: $(sed 's/ PURPOSE=GENERAL//' "$OUT/raw/tor-circuits.txt" 2>/dev/null | paste -sd';' | sed 's/;/; /g')"
  [[ ! -f $OUT/raw/jmasq-routes-short.txt ]] || echo "- JMasq: routes of the streams, from the user's Node log (Node ids shortened): $(head -n 3 "$OUT/raw/jmasq-routes-short.txt" | paste -sd';' | sed 's/;/; /g')"
  [[ ! -f $OUT/raw/jmasq-traffic.txt ]] || echo "- JMasq: last traffic line per Node: $(awk '{ r = ""; for (k = 2; k <= NF; k++) if ($k ~ /^(relayed_bytes|exit_bytes)=/ && $k !~ /=0$/) r = r " " $k; print $1 ":" (r == "" ? " -" : r) }' "$OUT/raw/jmasq-traffic.txt" | paste -sd';' | sed 's/;/; /g')"
  echo "- Waits for a quiet machine: $(awk '{ split($2, w, "="); split($3, f, "="); n++; t += w[2]
      if (n == 1 || f[2] < lo) lo = f[2]; if (n == 1 || f[2] > hi) hi = f[2]; if ($4 == "NOT_QUIET") nq++ }
      END { printf "%d waits, %d s in all; other processes at the start of a measurement: %.2f..%.2f cores; %d of %d waits timed out", n, t, lo, hi, nq, n }' "$OUT/raw/quiet.txt" 2>/dev/null) (details in raw/quiet.txt)"
  echo "- Failed transfers redone: $(awk -F'\t' '$2 ~ /failed/' "$SAMPLES" | wc -l); samples disturbed by other processes and redone: $(awk -F'\t' '$2 ~ /disturbed/ { n[$1 " " ($2 ~ /bulk/ ? "bulk" : "small")]++ } END { for (k in n) printf "%s%s %d", (c++ ? ", " : ""), k, n[k] }' "$SAMPLES")"
  if [[ -d $JMASQ_DIR ]]; then
    echo "- JMasq Node logs (both devnets): $(cat "$OUT"/jmasq*/node-*/node.err 2>/dev/null | grep -cE 'WARN|ERROR|Exception' || true) WARN/ERROR/Exception lines in node.err, $(cat "$OUT"/jmasq*/node-*/node.log 2>/dev/null | grep -cE 'WARN|ERROR|Exception' || true) in node.log"
  fi
  echo "- Total run time: $(awk -v a="$(now)" -v b="$T_START" 'BEGIN { printf "%.0f", a - b }') s"
} > "$SUMMARY"
cat "$SUMMARY"
log "results in $OUT (summary.md, samples.tsv, env.txt, raw/, jmasq/, jmasq-opt/, tor/)"
