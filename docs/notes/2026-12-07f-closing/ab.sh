#!/bin/bash
# usage: ab.sh OUTDIR PAIRS  (main vs integ jars, DecoderStepFigures card F16/F16 and INT8/Q8, 2 threads, order flipped each pair)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
out=$1; n=$2; mkdir -p $out
echo "series start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $out/series.txt
for i in $(seq 1 $n); do
  if (( i % 2 )); then order="A B"; else order="B A"; fi
  for cfg in "F16 F16" "INT8 Q8"; do
  for arm in $order; do
    jar=/work/build/s15/main.jar; [[ $arm == B ]] && jar=/work/build/s15/shrink.jar
    f=$out/${cfg%% *}-$arm-$i.txt
    echo "== $arm $i $cfg $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $f
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp $jar io.github.asr4j.bench.DecoderStepFigures /work/shared card $cfg 2 3 2>&1 | grep -v WARN >> $f
    echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $f
  done; done
done
echo "series end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $out/series.txt
