#!/bin/bash
# 8 fresh JVMs of DecoderStepFigures (card F16, 2 threads), each with its C2 compile log, to catch a boxing JVM.
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
cd /work/build/g/box
echo "start $(date +%T) $(uptime)"
for i in 1 2 3 4 5 6 7 8; do
  java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g \
    -XX:+UnlockDiagnosticVMOptions -XX:+PrintIntrinsics \
    -cp /work/build/g/integ-bench.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > p$i.txt 2>&1
  echo "p$i $(grep -o '5 beams \[[^]]*\]' p$i.txt)"
done
echo "end $(date +%T) $(uptime)"
