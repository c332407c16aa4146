#!/bin/bash
# One hold of the lock: build the touch4 jar, the hand-off probe, then 8 + 8 alternated StepProbe JVMs.
source /tmp/istep-env.sh
cd /work/istep
date -u +%T; cat /proc/loadavg
mvn -B -ntp -q -o -pl bench -am package -DskipTests 2>&1 | tail -3
cp bench/target/asr4j-bench.jar /tmp/istep-touch4.jar
date -u +%T
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx1g -cp /tmp/istep-base.jar:/tmp/istepc HandoffProbe 400 2>&1 | grep -v WARN
date -u +%T
docs/notes/2026-12-07a-istep/run-ab.sh 8 /tmp/istep-ab-touch4.txt /tmp/istep-base.jar /tmp/istep-touch4.jar
date -u +%T
