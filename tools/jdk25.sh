# Sourced by ./asr4j and .ci/run: exports JAVA_HOME and PATH for a JDK 25 or newer.
# Keeps a JAVA_HOME that is already new enough; otherwise searches the system's JVM folder.

asr4j_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

asr4j_select_jdk25() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] \
      && [ "$(asr4j_java_major "$JAVA_HOME/bin/java" || echo 0)" -ge 25 ] 2>/dev/null; then
    export PATH="$JAVA_HOME/bin:$PATH"
    return 0
  fi
  local candidate
  for candidate in /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(asr4j_java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "asr4j: no JDK 25 found (JAVA_HOME is '${JAVA_HOME:-}', nothing suitable under /usr/lib/jvm)." >&2
  echo "asr4j: install a JDK 25, e.g. Temurin 25, or point JAVA_HOME at one." >&2
  return 1
}
