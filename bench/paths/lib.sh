# shellcheck shell=bash
# Shared helpers for the paths benchmark (run.sh, tor-privnet.sh). Sourced, never run.
#
# Every address used here is on 127.0.0.0/8. Port map (B = BENCH_BASE_PORT, default 17000):
#   B+80         JMasq devnet proxy port (SOCKS5 + HTTP) on 127.0.0.1
#   B+100..B+105 Tor ORPorts (relay i on 127.0.0.(20+i))
#   B+110..B+112 Tor DirPorts (authorities)
#   B+120..B+126 Tor ControlPorts (every tor, cookie auth)
#   B+130        Tor client SocksPort on 127.0.0.1
#   B+400        the bench's HTTP server on 127.0.0.1
#   B+401..B+403 the three socat forwarders on 127.0.0.1

BENCH_BASE_PORT=${BENCH_BASE_PORT:-17000}
HTTP_IP=127.0.0.1
HTTP_PORT=$((BENCH_BASE_PORT + 400))
SOCAT_PORTS=($((BENCH_BASE_PORT + 401)) $((BENCH_BASE_PORT + 402)) $((BENCH_BASE_PORT + 403)))
JMASQ_PROXY_PORT=$((BENCH_BASE_PORT + 80))
TOR_SOCKS_PORT=$((BENCH_BASE_PORT + 130))
CLK_TCK=$(getconf CLK_TCK)
# The system python, so that a pyenv shim is not part of the measured path.
if [[ -x /usr/bin/python3 ]]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# now: seconds since the epoch with nanoseconds
now() { date +%s.%N; }

# elapsed_gt START SECONDS: true when more than SECONDS passed since START
elapsed_gt() { awk -v a="$(now)" -v b="$1" -v t="$2" 'BEGIN { exit !(a - b > t) }'; }

# alive PID WORD: PID runs and its command line contains WORD (guards against a recycled pid)
alive() {
  local pid=$1 word=$2
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -q -- "$word"
}

# stop_pid PID WORD [GRACE_S]: SIGTERM, wait up to GRACE_S (default 10), then SIGKILL.
stop_pid() {
  local pid=$1 word=$2 grace=${3:-10} i
  alive "$pid" "$word" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    alive "$pid" "$word" || return 0
    sleep 0.1
  done
  log "pid $pid ($word) ignored SIGTERM for ${grace}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# port_in_use PORT: something listens on TCP PORT (any address)
port_in_use() { ss -Htln "sport = :$1" | grep -q .; }

# wait_listen PORT TIMEOUT_S: until something listens on TCP PORT
wait_listen() {
  local port=$1 t=$2 i
  for ((i = 0; i < t * 10; i++)); do
    port_in_use "$port" && return 0
    sleep 0.1
  done
  return 1
}

# proc_ticks PID: utime+stime+cutime+cstime of PID plus those of its live descendants, in clock
# ticks. A child's time moves into its parent's cutime/cstime only once reaped, so live
# children are added separately (socat forks one child per connection), 3 levels deep at most.
proc_ticks() {
  local pid=$1 depth=${2:-0} total=0 stat rest f child
  if stat=$(cat "/proc/$pid/stat" 2>/dev/null); then
    rest=${stat##*) }          # fields from 3 (state) on; comm may contain spaces
    read -r -a f <<< "$rest"
    total=$((f[11] + f[12] + f[13] + f[14]))   # fields 14-17
    ((depth >= 3)) || for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
      total=$((total + $(proc_ticks "$child" $((depth + 1)))))
    done
  fi
  echo "$total"
}

# own_ticks PID: utime+stime+cutime+cstime of PID alone (its reaped children included), no
# descent into live children
own_ticks() {
  local stat rest f
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  rest=${stat##*) }
  read -r -a f <<< "$rest"
  echo $((f[11] + f[12] + f[13] + f[14]))
}

# pids_ticks PID...: the sum of proc_ticks over the given pids
pids_ticks() {
  local sum=0 p
  for p in "$@"; do sum=$((sum + $(proc_ticks "$p"))); done
  echo "$sum"
}

# busy_ticks: time the whole machine spent running processes (user, nice, system, steal; all
# CPUs) from /proc/stat, in clock ticks. Tick-sampled, so only good as an indicator of the load
# of other processes. Interrupt time is apart: irq_ticks.
busy_ticks() {
  awk '$1 == "cpu" { print $2 + $3 + $4 + $9; exit }' /proc/stat
}

# irq_ticks: hard and soft interrupt time of the whole machine (loopback TCP is mostly softirq)
irq_ticks() {
  awk '$1 == "cpu" { print $7 + $8; exit }' /proc/stat
}

# ticks_to_s TICKS
ticks_to_s() { awk -v t="$1" -v h="$CLK_TCK" 'BEGIN { printf "%.3f", t / h }'; }

# stats FILE COLUMN: "n p50 p90 min max median" of a numeric column (1-based, whitespace
# separated). Percentiles by linear interpolation between closest ranks (as numpy's default).
stats() {
  local file=$1 col=$2
  awk -v c="$col" '{ print $c }' "$file" | sort -g | awk '
    { v[NR] = $1 }
    function pct(p,   r, lo, hi) {
      r = 1 + p * (NR - 1); lo = int(r); hi = (lo < NR) ? lo + 1 : lo
      return v[lo] + (r - lo) * (v[hi] - v[lo])
    }
    END {
      if (NR == 0) { print "0 nan nan nan nan nan"; exit }
      printf "%d %.6f %.6f %.6f %.6f %.6f\n", NR, pct(0.5), pct(0.9), v[1], v[NR], pct(0.5)
    }'
}

# ratio A B [FORMAT]: A/B, or "n/a" when B is zero or not a number
ratio() {
  awk -v a="$1" -v b="$2" -v f="${3:-%.3f}" 'BEGIN {
    if (b + 0 == 0 || a == "n/a" || b == "n/a") print "n/a"; else printf f "\n", a / b }'
}

# ensure_packages: tor, tor-gencert, socat, curl and ss, installed with apt-get when missing
ensure_packages() {
  local need=()
  command -v tor >/dev/null || need+=(tor)
  command -v tor-gencert >/dev/null || need+=(tor)
  command -v socat >/dev/null || need+=(socat)
  command -v curl >/dev/null || need+=(curl)
  command -v ss >/dev/null || need+=(iproute2)
  ((${#need[@]})) || return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing missing packages: ${need[*]}"
    timeout 300 apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq "${need[@]}" >/dev/null \
      || die "apt-get install ${need[*]} failed"
  else
    die "missing: ${need[*]} (as root: apt-get install -y tor socat curl iproute2)"
  fi
}

# nonloopback_sockets PID...: socket endpoints of the given processes outside 127.0.0.0/8
nonloopback_sockets() {
  local re
  re=$(printf '%s|' "$@"); re=${re%|}
  ss -Htuanp 2>/dev/null | grep -E "pid=($re)," | awk '{ print $5; print $6 }' \
    | grep -vE '^(127\.[0-9.]+|\*|0\.0\.0\.0|\[::\]|\[::ffff:127\.[0-9.]+\]|\[::1\]):[0-9*]+$' || true
}
