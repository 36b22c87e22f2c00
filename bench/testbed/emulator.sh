#!/usr/bin/env bash
# The delay emulator's own capacity: what it carries at zero delay, loss and cap, and the latency
# it adds, so that a testbed figure can be told apart from the emulator's limit.
#
#   sudo nice -n 19 bench/testbed/emulator.sh [flood-seconds] [download-MB]     (defaults: 5 200)
#
# Needs root (it builds a testbed of two public hosts, jt<pid>x<n>-a and -b, removed at the end),
# ip, ss, socat and curl.
# Builds the testbed module's classes, then runs org.jmasq.testbed.emulator.EmulatorBench, which
# prints a Markdown table: a TCP download's Mbit/s and the TCP handshake time from host A to host B
# through the emulator and without it (plain forwarding in the internet namespace), the latency
# the emulator adds per packet, and the packets/s of UDP floods of 64- and 1400-byte datagrams
# that reach it and that it releases.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/lib/jdk.sh
jmasq_pick_jdk
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx1g}"
./mvnw -B -q -pl testbed -am test-compile -Dspotless.check.skip=true
exec "$JAVA_HOME/bin/java" -cp testbed/target/test-classes:testbed/target/classes \
  org.jmasq.testbed.emulator.EmulatorBench "$@"
