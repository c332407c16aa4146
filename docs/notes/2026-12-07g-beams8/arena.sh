#!/bin/bash
# arena.sh OUT jar... : per jar one JVM of DecoderStepFigures card F16 F16 2 1 with C2 MemStat on F16Weights$Simd's methods
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
out=$1; shift; mkdir -p $out
for rep in 1 2; do
for jar in "$@"; do
  n=$(basename $jar .jar)-$rep
  echo "== $n $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $out/$n.txt
  /usr/bin/time -v java '-XX:CompileCommand=MemStat,io.github.asr4j.kernels.cpu.F16Weights$Simd::*,print' --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp $jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 1 >> $out/$n.txt 2>&1
  echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $out/$n.txt
done; done
