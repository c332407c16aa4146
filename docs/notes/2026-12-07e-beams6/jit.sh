#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
cd /work/build/beams6
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > jit/series.txt
for i in $(seq 1 $1); do
  java -XX:+PrintCompilation --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp q1.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > jit/q1-$i.txt 2>&1
  echo "$i $(grep -o '5 beams [0-9.]* KB' jit/q1-$i.txt) $(date -u +%T)" >> jit/series.txt
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> jit/series.txt
