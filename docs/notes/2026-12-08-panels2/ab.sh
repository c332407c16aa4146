#!/bin/bash
# usage: ab.sh PAIRS TAG — alternated fresh JVMs, main.jar vs panels.jar, DecoderStepFigures card F16 F16 2 3
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
pairs=$1; tag=$2; d=/work/build/panels2/ab/$tag; mkdir -p $d; cd $d
echo "start $(date -u +%T) $(cat /proc/loadavg)"
for i in $(seq 1 $pairs); do
  if [ $((i % 2)) = 1 ]; then order="main panels"; else order="panels main"; fi
  for arm in $order; do
    ASR4J_AOT=0 java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g \
      -cp /work/build/panels2/$arm.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $arm$i.txt 2>&1
    echo "$arm$i $(date -u +%T) $(cat /proc/loadavg)"
  done
done
echo "end $(date -u +%T) $(cat /proc/loadavg)"
