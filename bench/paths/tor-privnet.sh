#!/usr/bin/env bash
# A private Tor network on loopback for the paths benchmark.
#
#   bench/paths/tor-privnet.sh start DIR     build a fresh network in DIR (wiped), start it, wait
#                                            until the client has bootstrapped and fetched a page
#   bench/paths/tor-privnet.sh stop DIR      stop the tor processes recorded in DIR/*/pid
#   bench/paths/tor-privnet.sh pids DIR      "nick pid" of every running tor of the network
#   bench/paths/tor-privnet.sh circuits DIR  the client's built circuits, one line each
#
# Layout: 3 directory authorities that are also relays (auth0-2), 1 middle relay (mid3), 2 exit
# relays (exit4, exit5) and 1 client (client6). Relay i listens on 127.0.0.(20+i) and binds its
# outgoing sockets there (OutboundBindAddress); the client binds to 127.0.0.26 and offers a
# SocksPort on 127.0.0.1:B+130. The kernel will not route a 127.x source address off the host,
# and there are no default authorities or fallbacks, so nothing leaves loopback; `start` also
# checks every socket of the tor processes.
#
# Environment: BENCH_BASE_PORT (17000), TOR_BOOTSTRAP_TIMEOUT (240 s), TOR_EXTRA_TORRC (lines
# appended to every torrc, for example "Schedulers Vanilla"), and HTTP_PORT comes from lib.sh:
# the exits accept only that port.
#
# On a testbed (bench/wan/run.sh): TOR_HOSTS="ns0:addr0 ns1:addr1 ... ns6:addr6" puts tor i in
# network namespace ns<i> with address addr<i> (ip netns exec) instead of on 127.0.0.(20+i); the
# client's SocksPort is then on 127.0.0.1:B+130 inside its own namespace, and the socket check is
# left to the testbed's (no namespace of it has a route out).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

N_AUTH=3 N_MIDDLE=1 N_EXIT=2
N_RELAY=$((N_AUTH + N_MIDDLE + N_EXIT))
CLIENT=$N_RELAY
BOOTSTRAP_TIMEOUT=${TOR_BOOTSTRAP_TIMEOUT:-240}

role() {
  if (($1 < N_AUTH)); then echo auth
  elif (($1 < N_AUTH + N_MIDDLE)); then echo middle
  elif (($1 < N_RELAY)); then echo exit
  else echo client; fi
}
nick() { case $(role "$1") in auth) echo "auth$1" ;; middle) echo "mid$1" ;; exit) echo "exit$1" ;; *) echo "client$1" ;; esac; }
read -r -a TOR_HOST_LIST <<< "${TOR_HOSTS:-}"
if ((${#TOR_HOST_LIST[@]} != 0 && ${#TOR_HOST_LIST[@]} != N_RELAY + 1)); then
  die "TOR_HOSTS: expected $((N_RELAY + 1)) ns:address entries, got ${#TOR_HOST_LIST[@]}"
fi
ip_of() {
  if ((${#TOR_HOST_LIST[@]})); then echo "${TOR_HOST_LIST[$1]#*:}"; else echo "127.0.0.$((20 + $1))"; fi
}
# in_ns IDX COMMAND...: run COMMAND where tor IDX runs (its namespace on a testbed)
in_ns() {
  local i=$1; shift
  if ((${#TOR_HOST_LIST[@]})); then ip netns exec "${TOR_HOST_LIST[$i]%%:*}" "$@"; else "$@"; fi
}
or_port() { echo $((BENCH_BASE_PORT + 100 + $1)); }
dir_port() { echo $((BENCH_BASE_PORT + 110 + $1)); }
ctl_port() { echo $((BENCH_BASE_PORT + 120 + $1)); }

# ctl DIR IDX COMMAND...: send commands to a tor's ControlPort (cookie auth), print the replies
ctl() {
  local dir=$1 i=$2; shift 2
  local d cookie fd line
  d=$dir/$(nick "$i")
  cookie=$(od -An -tx1 -v "$d/control_auth_cookie" | tr -d ' \n')
  exec {fd}<>"/dev/tcp/${TOR_CTL_ADDR:-$(ip_of "$i")}/$(ctl_port "$i")" || return 1
  {
    printf 'AUTHENTICATE %s\r\n' "$cookie"
    local c
    for c in "$@"; do printf '%s\r\n' "$c"; done
    printf 'QUIT\r\n'
  } >&"$fd"
  while IFS= read -r -t 5 line <&"$fd"; do
    line=${line%$'\r'}
    printf '%s\n' "$line"
    [[ $line == "250 closing connection" ]] && break
  done
  exec {fd}>&-
  return 0
}

cmd_pids() {
  local dir=$1 i pid
  for ((i = 0; i <= CLIENT; i++)); do
    pid=$(cat "$dir/$(nick "$i")/pid" 2>/dev/null || true)
    if alive "$pid" tor; then echo "$(nick "$i") $pid"; fi
  done
  return 0
}

cmd_stop() {
  local dir=$1 nick_ pid
  [[ -d $dir ]] || return 0
  while read -r nick_ pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done < <(cmd_pids "$dir")
  # tor waits ShutdownWaitLength (1 s here) after SIGTERM
  while read -r nick_ pid; do
    stop_pid "$pid" tor 10
  done < <(cmd_pids "$dir")
  return 0
}

# circuits DIR: "id hops: a > b > c" for each built general-purpose circuit of the client
cmd_circuits() {
  local dir=$1
  if ((${#TOR_HOST_LIST[@]})); then
    # the ControlPort is reachable only from inside the client's namespace
    in_ns "$CLIENT" env TOR_HOSTS= TOR_CTL_ADDR="$(ip_of "$CLIENT")" bash "$HERE/tor-privnet.sh" circuits "$dir"
    return 0
  fi
  ctl "$dir" "$CLIENT" "GETINFO circuit-status" | grep -E '^[0-9]+ BUILT' | grep -v 'ONEHOP_TUNNEL' \
    | awk '{ n = split($3, h, ","); p = ""
             for (k = 1; k <= n; k++) { sub(/.*~/, "", h[k]); p = p (k > 1 ? " > " : "") h[k] }
             purpose = ""; for (k = 4; k <= NF; k++) if ($k ~ /^PURPOSE=/) purpose = $k
             print $1 " " n " hops: " p " " purpose }' || true
}

write_torrc() {
  local dir=$1 i=$2 dirauths=$3 exits=$4 d r
  d=$dir/$(nick "$i"); r=$(role "$i")
  {
    cat <<EOF
# $(nick "$i") ($r), written by bench/paths/tor-privnet.sh
TestingTorNetwork 1
DataDirectory $d
Nickname $(nick "$i")
PidFile $d/pid
RunAsDaemon 1
ShutdownWaitLength 1
Log notice file $d/notice.log
SafeLogging 0
ControlPort $(ip_of "$i"):$(ctl_port "$i")
CookieAuthentication 1
# A small test network: build circuits with 2/3 of the descriptors; vote every relay Guard
# and HSDir, and the two exits Exit.
PathsNeededToBuildCircuits 0.67
TestingDirAuthVoteGuard *
TestingDirAuthVoteHSDir *
TestingDirAuthVoteExit $exits
TestingMinExitFlagThreshold 0
V3AuthNIntervalsValid 2
# Loopback only: our authorities, no fallbacks, outgoing sockets bound to our own 127.0.0.x.
UseDefaultFallbackDirs 0
OutboundBindAddress $(ip_of "$i")
$dirauths
EOF
    if [[ $r == client ]]; then
      cat <<EOF
SocksPort $HTTP_IP:$TOR_SOCKS_PORT
# One ordinary 3-hop circuit per stream (no conflux multipath).
ConfluxEnabled 0
# Vanguards-lite cannot pick its layer-2 set among 6 relays and retries every second.
VanguardsLiteEnabled 0
EOF
    else
      cat <<EOF
SocksPort 0
ORPort $(ip_of "$i"):$(or_port "$i")
Address $(ip_of "$i")
AssumeReachable 1
ContactInfo bench@invalid
# No DNS: the bench gives IP literals only.
ServerDNSResolvConfFile $dir/empty
ServerDNSDetectHijacking 0
ServerDNSTestAddresses
# Each relay caches the consensus and diffs every new one (every 20 s here) against all it keeps:
# idle CPU that grows with uptime unless the history is short.
MaxConsensusAgeForDiffs 2 minutes
EOF
      if [[ $r == exit ]]; then
        # An exit that accepts only private addresses is never chosen by clients (the
        # microdescriptor policy summary covers public addresses only), so the bench port is
        # also accepted on "*". Harmless: OutboundBindAddress pins every outgoing socket to a
        # 127.0.0.x source, which the kernel refuses to route off the host.
        cat <<EOF
ExitRelay 1
ExitPolicyRejectPrivate 0
ExitPolicy accept 127.0.0.0/8:$HTTP_PORT
ExitPolicy accept *:$HTTP_PORT
ExitPolicy reject *:*
EOF
      else
        printf 'ExitRelay 0\nExitPolicy reject *:*\n'
      fi
      if [[ $r == auth ]]; then
        cat <<EOF
DirPort $(ip_of "$i"):$(dir_port "$i")
AuthoritativeDirectory 1
V3AuthoritativeDirectory 1
V3AuthVotingInterval 20
V3AuthVoteDelay 4
V3AuthDistDelay 4
TestingV3AuthInitialVotingInterval 20
TestingV3AuthInitialVoteDelay 4
TestingV3AuthInitialDistDelay 4
EOF
      fi
    fi
    if [[ -n ${TOR_EXTRA_TORRC:-} ]]; then printf '%s\n' "$TOR_EXTRA_TORRC"; fi
  } > "$d/torrc"
}

cmd_start() {
  local dir=$1 i d out fpr v3 dirauths="" exits="" t0 cur last="" pid
  case $dir in /|/tmp|/tmp/|"$HOME"|"") die "refusing to use $dir" ;; esac
  ensure_packages
  for ((i = 0; i <= CLIENT; i++)); do
    for p in $(or_port "$i") $(ctl_port "$i"); do
      in_ns "$i" bash -c "ss -Htln 'sport = :$p' | grep -q ." && die "TCP port $p is in use (set BENCH_BASE_PORT)"
    done
  done
  in_ns "$CLIENT" bash -c "ss -Htln 'sport = :$TOR_SOCKS_PORT' | grep -q ." && die "TCP port $TOR_SOCKS_PORT is in use"
  rm -rf "$dir"; mkdir -p "$dir"; : > "$dir/empty"
  t0=$(now)
  # Keys: authority identity/signing keys and certificates, then every relay's identity.
  for ((i = 0; i < N_RELAY; i++)); do
    d=$dir/$(nick "$i"); mkdir -p "$d/keys"; chmod 700 "$d"
    if [[ $(role "$i") == auth ]]; then
      echo "bench" | timeout 120 tor-gencert --create-identity-key --passphrase-fd 0 -m 12 \
        -i "$d/keys/authority_identity_key" -s "$d/keys/authority_signing_key" \
        -c "$d/keys/authority_certificate" -a "$(ip_of "$i"):$(dir_port "$i")" \
        > "$d/gencert.log" 2>&1 || { cat "$d/gencert.log" >&2; die "tor-gencert failed"; }
      v3=$(awk '$1 == "fingerprint" { print $2; exit }' "$d/keys/authority_certificate")
    fi
    out=$(timeout 120 tor --ignore-missing-torrc -f "$d/none" --defaults-torrc "$dir/empty" \
          --DataDirectory "$d" --ORPort 1 --Nickname "$(nick "$i")" --list-fingerprint 2>&1) \
      || { echo "$out" >&2; die "tor --list-fingerprint failed"; }
    fpr=$(echo "$out" | tail -n 1 | awk '{ $1 = ""; gsub(/ /, ""); print }')
    [[ $fpr =~ ^[0-9A-F]{40}$ ]] || { echo "$out" >&2; die "no fingerprint for $(nick "$i")"; }
    if [[ $(role "$i") == auth ]]; then
      dirauths+="DirAuthority $(nick "$i") orport=$(or_port "$i") no-v2 v3ident=$v3 $(ip_of "$i"):$(dir_port "$i") $fpr"$'\n'
    fi
    if [[ $(role "$i") == exit ]]; then exits+="${exits:+,}\$$fpr"; fi
  done
  log "tor: keys for $N_RELAY relays in $(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }') s"
  for ((i = 0; i <= CLIENT; i++)); do
    mkdir -p "$dir/$(nick "$i")"; chmod 700 "$dir/$(nick "$i")"
    write_torrc "$dir" "$i" "$dirauths" "$exits"
    timeout 60 tor --verify-config -f "$dir/$(nick "$i")/torrc" --defaults-torrc "$dir/empty" \
      > "$dir/$(nick "$i")/verify.log" 2>&1 \
      || { cat "$dir/$(nick "$i")/verify.log" >&2; die "torrc of $(nick "$i") rejected"; }
  done
  local t_launch; t_launch=$(now)
  for ((i = 0; i <= CLIENT; i++)); do
    d=$dir/$(nick "$i")
    in_ns "$i" timeout 60 tor -f "$d/torrc" --defaults-torrc "$dir/empty" > "$d/stdout.log" 2>&1 \
      || { cat "$d/stdout.log" >&2; die "tor $(nick "$i") did not start"; }
    for _ in $(seq 50); do [[ -s $d/pid ]] && break; sleep 0.1; done
  done
  log "tor: 7 tor processes started; waiting for the client to bootstrap (up to ${BOOTSTRAP_TIMEOUT}s)"
  d=$dir/$(nick "$CLIENT")
  while ! grep -q 'Bootstrapped 100%' "$d/notice.log" 2>/dev/null; do
    if elapsed_gt "$t_launch" "$BOOTSTRAP_TIMEOUT"; then
      tail -n 15 "$d/notice.log" >&2 || true
      die "the tor client did not bootstrap within ${BOOTSTRAP_TIMEOUT}s (logs in $dir)"
    fi
    for ((i = 0; i <= CLIENT; i++)); do
      pid=$(cat "$dir/$(nick "$i")/pid" 2>/dev/null || true)
      alive "$pid" tor || { tail -n 15 "$dir/$(nick "$i")/notice.log" >&2 || true; die "tor $(nick "$i") died"; }
    done
    cur=$(grep -o 'Bootstrapped [0-9]*%' "$d/notice.log" 2>/dev/null | tail -n 1 || true)
    if [[ -n $cur && $cur != "$last" ]]; then log "tor client: $cur"; last=$cur; fi
    sleep 0.5
  done
  local t_boot; t_boot=$(now)
  awk -v a="$t_boot" -v b="$t_launch" 'BEGIN { printf "bootstrap_s=%.1f\n", a - b }' > "$dir/bootstrap.txt"
  log "tor client: Bootstrapped 100% after $(cut -d= -f2 "$dir/bootstrap.txt") s"
  if ((${#TOR_HOST_LIST[@]})); then
    log "tor: on the testbed's hosts (no namespace of the testbed has a route out)"
    return 0
  fi
  # Every socket of every tor must be on loopback.
  local pids bad
  pids=$(cmd_pids "$dir" | awk '{ print $2 }')
  # shellcheck disable=SC2086
  bad=$(nonloopback_sockets $pids)
  [[ -z $bad ]] || die "tor sockets outside 127.0.0.0/8: $bad"
  log "tor: every socket of the 7 tor processes is on 127.0.0.0/8"
}

[[ $# -ge 2 ]] || die "usage: $0 start|stop|pids|circuits DIR"
case $1 in
  start) cmd_start "$2" ;;
  stop) cmd_stop "$2" ;;
  pids) cmd_pids "$2" ;;
  circuits) cmd_circuits "$2" ;;
  *) die "unknown command $1" ;;
esac
