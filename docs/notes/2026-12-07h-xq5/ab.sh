#!/bin/bash
# usage: ab.sh OUTDIR PAIRS jarA jarB   (A B alternated, order flipped each pair; one fresh JVM each;
# DecoderStepFigures card F16 F16 2 3; the JIT's compile events to OUTDIR/ARM-i.jit)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
out=$1; n=$2; A=$3; B=$4; mkdir -p $out
echo "series start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $out/series.txt
for i in $(seq 1 $n); do
  if (( i % 2 )); then order="A B"; else order="B A"; fi
  for arm in $order; do
    jar=$A; [[ $arm == B ]] && jar=$B
    f=$out/$arm-$i.txt
    echo "== $arm $i $(basename $jar) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $f
    java -Xlog:jit+compilation=debug:file=$out/$arm-$i.jit --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp $jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 2>&1 | grep -v WARN >> $f
    echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $f
  done
done
echo "series end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $out/series.txt
