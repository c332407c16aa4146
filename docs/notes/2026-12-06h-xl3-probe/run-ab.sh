#!/bin/bash
# Alternated probe rounds: every arm in a fresh JVM per round, arms in a fixed rotation. Run under the bench lock.
# usage: run-ab.sh ROUNDS OUTFILE. Needs xl3-hook.patch applied and bench/target/asr4j-bench.jar built from it, and
# XattWarmProbe compiled into /tmp/xl3c: javac --add-modules=jdk.incubator.vector -cp bench/target/asr4j-bench.jar -d /tmp/xl3c XattWarmProbe.java
rounds=$1 out=$2
cd "$(dirname "$0")/../../.."
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx3g -cp bench/target/asr4j-bench.jar:/tmp/xl3c"
echo "load start: $(cat /proc/loadavg)" >> "$out"
for r in $(seq "$rounds"); do
  for spec in "a 1 after" "b 1 after" "b 1 split" "c 1 after" "a 5 after" "b 5 after" "p 1 after" "r 1 after" "t 1 after"; do
    read -r arm m mode <<< "$spec"
    $J -Dasr4j.xl3.warm=$mode XattWarmProbe $arm $m 96 8 2>&1 | grep arm= >> "$out"
  done
done
echo "load end: $(cat /proc/loadavg)" >> "$out"
