#!/bin/bash
# greedy / 5 beams / 16 files, streams 2 vs 4 alternated, one JVM each
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
N=${1:-3}
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp /work/build/f4s/bench-f4s.jar"
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in $(seq $N); do for s in 2 4; do
  echo "== round $r streams $s $(date -u +%T)"
  $J -Dasr4j.f16.streams=$s io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 2>&1 | grep -iE "greedy|beams|files|heap" | head -8
done; done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
