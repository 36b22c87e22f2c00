#!/usr/bin/env bash
# The WAN benchmark's summary (Markdown) from a results directory of bench/wan/run.sh:
#
#   bench/wan/summary.sh RESULTS_DIR
#
# Reads env.txt, samples.tsv and cpu.tsv; run.sh calls it at the end, and it can be run again.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../paths/lib.sh
source "$HERE/../paths/lib.sh"
OUT=${1:?usage: summary.sh RESULTS_DIR}
SAMPLES=$OUT/samples.tsv
envv() { sed -n "s/^$1=//p" "$OUT/env.txt" | head -n 1; }
D=$(envv delay_ms | awk '{ print $1 }')
EMU_MBIT=${WAN_EMULATOR_MBIT:-200}
# the JMasq per-stream window: 2 MiB at first (StreamAck.DEFAULT_WINDOW), grown up to 16 MiB
# (Acknowledger.MAX_WINDOW) while the client keeps up
WINDOW_BYTES=$((2 << 20)) MAX_WINDOW_BYTES=$((16 << 20))
PATHS=$(awk -F'\t' 'NR > 1 && !seen[$1]++ { printf "%s ", $1 }' "$SAMPLES")

links() { case $1 in direct) echo 1 ;; *) echo 4 ;; esac; }
# floor NAME: the least time, in one-way link delays, before the first byte of a GET on a new
# stream can come back, given how the path opens a stream:
#   direct: curl's TCP handshake (2), then the GET and its answer (2)
#   socat3: each forwarder accepts, then connects to the next (the GET waits in the first):
#           3 + 3 + 3 + 3 to the origin, then 4 back
#   tor, jmasq: the SOCKS reply waits for the exit's "connected" (3 to the exit, the exit's
#           handshake with the origin 2, 3 back); then the GET (3 + 1) and the answer (1 + 3)
floor() { case $1 in direct) echo 4 ;; *) echo 16 ;; esac; }
label() {
  case $1 in
    direct) echo "direct TCP" ;;
    socat3) echo "3 socat forwarders" ;;
    jmasq) echo "JMasq, 3-hop route" ;;
    tor) echo "Tor, 3-hop circuit" ;;
    *) echo "$1" ;;
  esac
}
# col NAME KIND COLUMN > file
col() { awk -F'\t' -v n="$1" -v k="$2" -v c="$3" '$1 == n && $2 == k { print $c }' "$SAMPLES"; }
ms() { awk -v x="$1" 'BEGIN { printf "%.0f", x * 1000 }'; }

declare -A RTT TTFB50 TTFB90 TTFBMIN T50K T1M T5M BULK_S BULK_MBPS PAR_S PAR_MBPS CEIL FLAG
for p in $PATHS; do
  RTT[$p]=$((2 * D * $(links "$p")))
  col "$p" ttfb 7 > "$OUT/raw/.v"
  read -r _ a b mn _ _ <<< "$(stats "$OUT/raw/.v" 1)"
  TTFB50[$p]=$(ms "$a"); TTFB90[$p]=$(ms "$b"); TTFBMIN[$p]=$(ms "$mn")
  for k in 50k 1m 5m; do
    col "$p" "$k" 8 > "$OUT/raw/.v"
    read -r _ a _ _ _ _ <<< "$(stats "$OUT/raw/.v" 1)"
    case $k in 50k) T50K[$p]=$(ms "$a") ;; 1m) T1M[$p]=$(ms "$a") ;; 5m) T5M[$p]=$(ms "$a") ;; esac
  done
  read -r BULK_S[$p] BULK_MBPS[$p] <<< "$(awk -F'\t' -v n="$p" '$1 == n && $2 == "bulk" { printf "%.2f %.2f", $8, $5 / $8 / 1e6 }' "$SAMPLES")"
  read -r PAR_S[$p] PAR_MBPS[$p] <<< "$(awk -F'\t' -v n="$p" '$1 == n && $2 == "parallel" { t = $8; b = $5 } END { if (t > 0) printf "%.2f %.2f", t, b / t / 1e6 }' "$SAMPLES")"
  CEIL[$p]=$(awk -v m="$EMU_MBIT" -v l="$(links "$p")" 'BEGIN { printf "%.1f", m / 8 / l }')
  FLAG[$p]=""
  awk -v x="${BULK_MBPS[$p]:-0}" -v c="${CEIL[$p]}" 'BEGIN { exit !(x >= 0.7 * c) }' && FLAG[$p]+=" bulk"
  awk -v x="${PAR_MBPS[$p]:-0}" -v c="${CEIL[$p]}" 'BEGIN { exit !(x >= 0.7 * c) }' && FLAG[$p]+=" parallel"
done
rtts() { awk -v t="$1" -v r="$2" 'BEGIN { printf "%.1f", t / r }'; }

echo "## WAN benchmark, ${D} ms one way per link, $(envv date_utc)"
echo
echo "Command: \`$([[ $(envv delay_ms) == *optimistic=1* ]] && echo 'WAN_OPTIMISTIC=1 ')sudo bench/wan/run.sh --delay-ms $D$([[ $(envv delay_ms) == *quick=1* ]] && echo ' --quick')\`; results in \`$OUT\`."
echo "Machine: $(envv cpu); load average before $(envv load_before), after $(envv load_after); busiest processes before: $(envv busiest_before)"
echo "Versions: JMasq $(envv git), $(envv tor), socat $(envv socat), curl $(envv curl). Samples: $(envv delay_ms | cut -d' ' -f2-)."
echo
echo "Times in ms (bulk and parallel in s), medians unless said; \"RTTs\" is the figure divided by the route's round trip time (2 x $D ms x links). The first-byte floor is the least a GET on a new stream can take over the path, counted in link delays from how the path opens a stream (summary.sh, \`floor\`)."
echo
echo "| path | links | route RTT ms | first-byte floor ms | 1 KiB TTFB p50 / p90 / min (RTTs) | 50 KiB (RTTs) | 1 MiB (RTTs) | 5 MiB (RTTs) | ${BULK_MIB:-$(envv delay_ms | sed 's/.*bulk_mib=\([0-9]*\).*/\1/')} MiB: s, MB/s | $(envv delay_ms | sed 's/.*parallel=\([0-9]*\).*/\1/') x 5 MiB: s, MB/s | emulator bound MB/s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for p in $PATHS; do
  r=${RTT[$p]}
  echo "| $(label "$p") | $(links "$p") | $r | $((D * $(floor "$p"))) | ${TTFB50[$p]} / ${TTFB90[$p]} / ${TTFBMIN[$p]} ($(rtts "${TTFB50[$p]}" "$r")) | ${T50K[$p]} ($(rtts "${T50K[$p]}" "$r")) | ${T1M[$p]} ($(rtts "${T1M[$p]}" "$r")) | ${T5M[$p]} ($(rtts "${T5M[$p]}" "$r")) | ${BULK_S[$p]}, ${BULK_MBPS[$p]} | ${PAR_S[$p]:-n/a}, ${PAR_MBPS[$p]:-n/a} | ${CEIL[$p]} |"
done
for base in tor socat3; do
  [[ -n ${TTFB50[jmasq]:-} && -n ${TTFB50[$base]:-} ]] || continue
  echo
  echo "JMasq's time / $(label "$base")'s (below 1: JMasq is faster): TTFB p50 $(ratio "${TTFB50[jmasq]}" "${TTFB50[$base]}" %.2f), 50 KiB $(ratio "${T50K[jmasq]}" "${T50K[$base]}" %.2f), 1 MiB $(ratio "${T1M[jmasq]}" "${T1M[$base]}" %.2f), 5 MiB $(ratio "${T5M[jmasq]}" "${T5M[$base]}" %.2f), bulk $(ratio "${BULK_S[jmasq]}" "${BULK_S[$base]}" %.2f), parallel $(ratio "${PAR_S[jmasq]:-0}" "${PAR_S[$base]:-0}" %.2f)."
done
echo
echo "Notes:"
echo "- Direct TCP handshake (curl's time_connect, one link's RTT of $((2 * D)) ms emulated): median $(ms "$(col direct ttfb 6 > "$OUT/raw/.v"; stats "$OUT/raw/.v" 1 | awk '{ print $2 }')") ms."
for p in $PATHS; do
  [[ -z ${FLAG[$p]} ]] || echo "- $(label "$p"):${FLAG[$p]} at 70% or more of what the emulator carries over $(links "$p") link(s) (about $EMU_MBIT Mbit/s in all, each byte crossing it once per link): the emulator, not the path, is the likely limit of that figure."
done
if [[ -n ${RTT[jmasq]:-} ]]; then
  echo "- JMasq's per-stream window over a route RTT of ${RTT[jmasq]} ms: at first $((WINDOW_BYTES >> 20)) MiB unacknowledged, $(awk -v w="$WINDOW_BYTES" -v r="${RTT[jmasq]}" 'BEGIN { printf "%.1f", w / (r / 1000) / 1e6 }') MB/s for one stream; grown to $((MAX_WINDOW_BYTES >> 20)) MiB while the client keeps up, $(awk -v w="$MAX_WINDOW_BYTES" -v r="${RTT[jmasq]}" 'BEGIN { printf "%.1f", w / (r / 1000) / 1e6 }') MB/s."
fi
[[ ! -s $OUT/raw/jmasq-routes.txt ]] || echo "- JMasq: routes of the streams (count, route), from the user's Node's log: $(head -n 3 "$OUT/raw/jmasq-routes.txt" | awk '{ $1 = $1; print }' | paste -sd';' | sed 's/;/; /g')"
[[ ! -f $OUT/raw/tor-circuits.txt ]] || echo "- Tor: bootstrap $(cut -d= -f2 "$OUT/raw/tor-bootstrap.txt" 2>/dev/null) s; circuits: $(sed 's/ PURPOSE=GENERAL//' "$OUT/raw/tor-circuits.txt" | paste -sd';' | sed 's/;/; /g')"
echo "- CPU, in cores, mean over each phase: the whole machine (of $(nproc)) / the path's processes / the emulator / the rest (other people's builds, the idle Nodes and relays of the other paths, curl, the HTTP server); then the 1-minute load average:"
awk -F'\t' 'NR > 1 && ($2 == "bulk" || $2 == "parallel" || $2 == "ttfb") { o = $4 - $5 - $6; if (o < 0) o = 0; printf "  %s %s %s / %s / %s / %.2f, load %s;", $1, $2, $4, $5, $6, o, $7 } END { print "" }' "$OUT/cpu.tsv"
echo "- The emulator's CPU per MB it carried (MB/s of the path x links) in the bulk and parallel phases, in core-seconds: $(awk -F'\t' -v OFS='\t' 'FNR == NR { if ($2 == "bulk" || $2 == "parallel") mbps[$1 " " $2] = $5 / $8 / 1e6; next }
    FNR > 1 && ($2 == "bulk" || $2 == "parallel") { l = ($1 == "direct") ? 1 : 4; m = mbps[$1 " " $2] * l
      printf "%s%s %s %.3f", (n++ ? "; " : ""), $1, $2, (m > 0 ? $6 / m : 0) }' "$SAMPLES" "$OUT/cpu.tsv")."
echo "- Failed transfers redone: $(awk -F'\t' '$2 ~ /failed/' "$SAMPLES" | wc -l)."
