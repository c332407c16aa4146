#!/bin/bash
# main (M) vs four streams (F), DecoderStepFigures card F16, arms alternated, one JVM each
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
N=${1:-4}
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in $(seq $N); do for arm in M F; do
  jar=/work/build/f4s/bench-main.jar; [ $arm = F ] && jar=/work/build/f4s/bench-f4s.jar
  echo "== round $r arm $arm $(date -u +%T)"
  java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp $jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 2>&1 | grep -E "greedy step|5 beams, one|16 files, one|heap alloc|streaming read"
done; done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
