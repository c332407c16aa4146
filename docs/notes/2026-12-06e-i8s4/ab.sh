#!/bin/bash
# alternated A/B: $1 = log, $2 = pairs per lock hold, $3 = holds; order flips per pair
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
LOG=$1
for h in $(seq 1 $3); do
flock /work/notes/bench.lock bash -c '
for p in $(seq 1 '$2'); do
  if [ $(( (p + '$h') % 2 )) -eq 0 ]; then order="main b1"; else order="b1 main"; fi
  for arm in $order; do
    echo "=== $arm $(date +%T) load $(cat /proc/loadavg)"
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp /work/build/i8s4/$arm.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card INT8 F16 2 3 2>&1
    echo "=== end $arm $(date +%T) load $(cat /proc/loadavg)"
  done
done' >> $LOG
sleep 20
done
