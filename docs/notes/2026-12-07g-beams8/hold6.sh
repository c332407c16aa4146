#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
cd /work/build/beams8
echo "hold6 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2 3; do java --add-modules=jdk.incubator.vector -cp probe2:fold.jar io.github.asr4j.kernels.cpu.ChunkPartsProbe 15 400 2>&1 | grep -E "chunk|differ"; done
echo "hold6 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
