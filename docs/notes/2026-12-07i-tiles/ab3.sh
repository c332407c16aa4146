#!/bin/bash
# step series: DecoderStepFigures /work/shared card F16 F16 2 3, fresh JVMs, arms A = main, B = counted tileScores5, C = 3+2
# (the other four kernels counted in both); order rotated each round (ABC, BCA, CAB, ...). args: series rounds
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
s=$1; rounds=$2; d=/work/build/tiles/ab/$s; mkdir -p $d
declare -A jar=([A]=/work/build/tiles/base.jar [B]=/work/build/tiles/tiles.jar [C]=/work/build/tiles/s5.jar)
orders=("A B C" "B C A" "C A B")
echo "step start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 $rounds); do
  for arm in ${orders[$(( (i - 1) % 3 ))]}; do
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g \
      -cp ${jar[$arm]} io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $d/$arm-$i.txt 2>&1
    echo "$arm-$i $(date -u +%T)"
  done
done
echo "step end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
