# Sourced by the launchers: sets JAVA_HOME to the newest JDK (21 or later) on this machine.
# Candidates: $JAVA_HOME, then every JDK under /usr/lib/jvm. A JDK's major version is read from
# its `release` file, so no JVM has to start just to choose one.

jmasq_jdk_major() {
  local release="$1/release" version
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$release" ] || { echo 0; return; }
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  echo "${version:-0}"
}

jmasq_pick_jdk() {
  local best="" best_major=0 candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    candidate=$(cd "$candidate" && pwd -P)
    major=$(jmasq_jdk_major "$candidate")
    if [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "jmasq: needs a JDK 21 or newer, and none was found in JAVA_HOME or /usr/lib/jvm (install one, e.g. Temurin 25)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  JMASQ_JDK_MAJOR="$best_major"
  # Maven on a new JDK warns about its own native and Unsafe use; none of it is ours to fix.
  local quiet="--enable-native-access=ALL-UNNAMED"
  [ "$best_major" -ge 23 ] && quiet="$quiet --sun-misc-unsafe-memory-access=allow"
  export MAVEN_OPTS="${MAVEN_OPTS:-} $quiet"
}
