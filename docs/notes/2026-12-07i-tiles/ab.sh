#!/bin/bash
# step A/B: DecoderStepFigures /work/shared card F16 F16 2 3, fresh JVMs, A = main's jar, B = $3 (a jar in /work/build/tiles), AB BA ...
# args: series pairs Bjar
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
s=$1; pairs=$2; bj=/work/build/tiles/$3; d=/work/build/tiles/ab/$s; mkdir -p $d
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) B=$3"
for i in $(seq 1 $pairs); do
  if [ $((i % 2)) = 1 ]; then order="A B"; else order="B A"; fi
  for arm in $order; do
    jar=/work/build/tiles/base.jar; [ $arm = B ] && jar=$bj
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g \
      -cp $jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $d/$arm-$i.txt 2>&1
    echo "$arm-$i $(date -u +%T)"
  done
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
