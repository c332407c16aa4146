#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
cd /work/build/beams7
echo "hold2c start $(date -u +%T) load $(cut -d" " -f1-3 /proc/loadavg)"
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g"
P='io.github.asr4j.kernels.cpu.F16Weights$Simd'
for run in "q1d 30.0" "q2 30.0" "q1d 38.0"; do
  set -- $run
  f=h2/$1-scale$2.txt
  echo "== $1 CompileThresholdScaling $2 on dots5QuadPartsF16 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $f
  $J -XX:+PrintCompilation -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,$P::dots5QuadPartsF16,$2 -cp $1.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $f.out 2>&1
  grep -v -E '^ *[0-9]+ +[0-9]+ ' $f.out >> $f; grep -E 'dots5QuadPartsF16|quadPassF16|foldQuadSums' $f.out >> $f
  echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $f
  echo "$run: $(grep 'each timed round' $f)"
done
echo "hold2 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
