#!/bin/bash
# ceilings, then kernel probes: A (main) / B1 alternated; one thread hot and two threads cold, 5 and 16 rows
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
D=/work/i8q/docs/notes/2026-12-06g-i8q
echo "== ceilings $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -jar /work/build/i8q/A.jar ceilings --threads 2 2>&1 | grep -v WARN
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -jar /work/build/i8q/A.jar ceilings --threads 1 2>&1 | grep -v WARN
for arm in A B1 A B1; do
  echo "== $arm $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  $D/probe.sh /work/build/i8q/$arm.jar 1 5 hot 768x768,768x3072 2
  $D/probe.sh /work/build/i8q/$arm.jar 2 5 cold 768x768,768x3072,3072x768,768x51865 2
  $D/probe.sh /work/build/i8q/$arm.jar 2 16 cold 768x3072,768x51865 2
done
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
