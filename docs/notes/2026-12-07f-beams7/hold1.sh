#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
cd /work/build/beams7
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g"
echo "hold1 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for jar in base q2; do
  rm -rf hash-$jar; javac -nowarn --add-modules=jdk.incubator.vector -cp $jar.jar -d hash-$jar /work/beams7/docs/notes/2026-12-07e-beams6/BeamHash.java 2>&1 | grep -v warning
  for t in 1 2; do echo "$jar: threads $t: $($J -cp hash-$jar:$jar.jar io.github.asr4j.bench.BeamHash ~/.cache/asr4j/bench/card-f16 $t 2>&1 | grep -v -e WARN -e INFO -e CpuProviders)"; done
done
echo "hash end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
P='io.github.asr4j.kernels.cpu.F16Weights$Simd'
for run in "q1 dots5QuadPartsF16" "q2 dots5QuadPartsF16" "q2 none"; do
  set -- $run
  f=h1/$1-ex-$2.txt
  echo "== $1 exclude $2 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $f
  $J -XX:+PrintCompilation -XX:CompileCommand=quiet -XX:CompileCommand=exclude,$P::$2 -cp $1.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 1 5 2 24 >> $f 2>&1
  echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $f
  echo "$run: $(grep 'heap allocated' $f)"
done
echo "hold1 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
