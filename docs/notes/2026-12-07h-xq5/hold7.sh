#!/bin/bash
# build the branch head -> xq5d.jar; ChunkHalvesProbe once on it; step A/B base vs xq5d, 8 + 8
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "hold7 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/xq5 && git rev-parse --short HEAD
/work/build/xq5/build2.sh xq5d
cd /work/build/xq5 && java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -cp probe:xq5d.jar io.github.asr4j.kernels.cpu.ChunkHalvesProbe 15 400 2>&1 | grep -v WARN
./ab.sh ab2 8 base.jar xq5d.jar
echo "hold7 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
