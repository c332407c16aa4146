#!/bin/bash
# one hold: ChunkPartsProbe x2 (fold.jar), then the fold A/B's second series (4 + 4 fresh JVMs)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
cd /work/build/beams8
echo "hold5 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2; do java --add-modules=jdk.incubator.vector -cp probe2:fold.jar io.github.asr4j.kernels.cpu.ChunkPartsProbe 15 400 2>&1 | grep chunk; done
echo "parts end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
./ab.sh ab2 4 base.jar fold.jar
echo "hold5 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
