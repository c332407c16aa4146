#!/bin/bash
# DecoderStepFigures alternated, base jar then new jar, fresh JVM each; every JVM's output kept.
# usage: run-step.sh ROUNDS OUTDIR FIRSTROUND   (jars at /tmp/xl3-base.jar, /tmp/xl3-new2.jar)
rounds=$1 dir=$2 first=${3:-1}
mkdir -p "$dir"
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
for r in $(seq "$first" $((first + rounds - 1))); do
  for j in base new2; do
    { echo "load start: $(cat /proc/loadavg) $(date -u +%T)"
      java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp /tmp/xl3-$j.jar \
          io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 5 2 2>&1 | grep -v WARN
      echo "load end: $(cat /proc/loadavg) $(date -u +%T)"; } > "$dir/round$r-$j.txt"
  done
done
