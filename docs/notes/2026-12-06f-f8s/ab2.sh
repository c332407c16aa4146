#!/bin/bash
# M = main's kernel (first switch jar, -Dasr4j.f16.streams=4) vs E = eight streams (second jar: odd addresses
# fixed, -Dasr4j.f16.streams=8); DecoderStepFigures card F16, arms alternated (order swapped each round), one JVM each
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
N=${1:-3}; TAG=${2:-ab}
mkdir -p /tmp/f8s/full
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in $(seq $N); do
  order="M E"; [ $((r % 2)) = 0 ] && order="E M"
  for arm in $order; do
  s=4; JAR=/work/build/f8s/bench-f8s-sw.jar; [ $arm = E ] && s=8 && JAR=/work/build/f8s/bench-f8s-sw2.jar
  echo "== round $r arm $arm $(date -u +%T)"
  java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -Dasr4j.f16.streams=$s -cp $JAR io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > /tmp/f8s/full/$TAG-$r-$arm.txt 2>&1
  grep -E "greedy step|5 beams, one|16 files, one|heap alloc|streaming read" /tmp/f8s/full/$TAG-$r-$arm.txt
  awk '/profile of one greedy/{p=1} p&&/logits|fc1|fc2|self qkv|cross attention|all ops/{print} /all ops/{p=0}' /tmp/f8s/full/$TAG-$r-$arm.txt
done; done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
