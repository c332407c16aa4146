#!/bin/bash
# Alternated probe rounds: base and overlap arms, a fresh JVM each, base first in odd rounds, overlap first in even.
# Run under the bench lock. usage: run-ab.sh ROUNDS OUTFILE [SETS] [THREADS]
# Needs bench/target/asr4j-bench.jar built from this branch and XpcProbe compiled into /tmp/xpcc.
rounds=$1 out=$2 sets=${3:-96} threads=${4:-2}
cd "$(dirname "$0")/../../.."
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx3g -cp bench/target/asr4j-bench.jar:/tmp/xpcc"
echo "load start: $(cat /proc/loadavg) $(date -u +%H:%M:%S)" >> "$out"
for r in $(seq "$rounds"); do
  if (( r % 2 )); then arms="false true"; else arms="true false"; fi
  for ov in $arms; do
    echo "round=$r $($J -Dasr4j.xpc.overlap=$ov -Dasr4j.xpc.lag=${LAG:-0} XpcProbe "$sets" 8 "$threads" 2>&1 | grep -E "arm=|stats" | tr "\n" " ")" >> "$out"
  done
done
echo "load end: $(cat /proc/loadavg) $(date -u +%H:%M:%S)" >> "$out"
