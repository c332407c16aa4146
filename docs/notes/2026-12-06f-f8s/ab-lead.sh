#!/bin/bash
# four streams (F, -Dasr4j.f16.streams=4: main's kernel) vs eight (E), the branch's switch jar,
# DecoderStepFigures card F16, arms alternated (order swapped each round), one JVM each
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
N=${1:-3}; JAR=${2:-/work/build/f8s/bench-f8s-sw.jar}; TAG=${3:-ab}
mkdir -p /tmp/f8slead/full
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in $(seq $N); do
  order="F E"; [ $((r % 2)) = 0 ] && order="E F"
  for arm in $order; do
  s=4; [ $arm = E ] && s=8
  echo "== round $r arm $arm $(date -u +%T)"
  java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -Dasr4j.f16.streams=$s -cp $JAR io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > /tmp/f8slead/full/$TAG-$r-$arm.txt 2>&1
  grep -E "greedy step|5 beams, one|16 files, one|heap alloc|streaming read" /tmp/f8slead/full/$TAG-$r-$arm.txt
  awk '/profile of one greedy/{p=1} p&&/logits|fc1|fc2|self qkv|cross attention|all ops/{print} /all ops/{p=0}' /tmp/f8slead/full/$TAG-$r-$arm.txt
done; done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
