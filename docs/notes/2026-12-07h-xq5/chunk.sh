#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
echo "chunk start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2 3; do
  java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -cp /work/build/xq5/probe:/work/build/xq5/xq5.jar io.github.asr4j.kernels.cpu.ChunkHalvesProbe 15 400 2>&1 | grep -v WARN
done
echo "chunk end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
