#!/bin/bash
# TileLoopProbe in N fresh JVMs on the tiles jar: old (main's kernels, copied) vs new, alternated in each JVM
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
echo "probe start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 ${1:-3}); do
  java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -cp /work/build/tiles/probe:/work/build/tiles/tiles.jar io.github.asr4j.kernels.cpu.TileLoopProbe ${2:-15} ${3:-300} 2>&1 | grep -v WARN
done
echo "probe end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
