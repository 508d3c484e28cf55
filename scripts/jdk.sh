# Sourced by bin/* and scripts/*: finds a JDK 25 or newer and exports JAVA_HOME, or explains what is missing.
# The major version from the JDK's release file (no JVM is started: a launcher runs on every pmc call).
ptp4j_java_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }
ptp4j_find_jdk() {
  local cand v
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* /usr/lib/jvm/*; do
    [ -n "$cand" ] && [ -x "$cand/bin/javac" ] || continue
    v=$(ptp4j_java_major "$cand")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then export JAVA_HOME="$cand"; return 0; fi
  done
  echo "ptp4j: no JDK 25 found (JAVA_HOME='${JAVA_HOME:-}', nothing usable under /usr/lib/jvm)." >&2
  echo "ptp4j: install a JDK 25 (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
ptp4j_need_mvn() {
  command -v mvn >/dev/null 2>&1 && return 0
  echo "ptp4j: Maven (mvn) is not installed; on Debian/Ubuntu: sudo apt-get install -y maven" >&2
  return 1
}
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
