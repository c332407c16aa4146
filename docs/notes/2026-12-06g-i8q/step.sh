#!/bin/bash
# usage: step.sh OUTDIR ROUNDS label=jar ...   (arms alternated per round, order flipped each round; fresh JVM each)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
out=$1; rounds=$2; shift 2; mkdir -p $out
arms=("$@")
for r in $(seq 1 $rounds); do
  if (( r % 2 == 0 )); then order=$(printf '%s\n' "${arms[@]}" | tac); else order=$(printf '%s\n' "${arms[@]}"); fi
  for arm in $order; do
    label=${arm%%=*}; jar=${arm#*=}
    f=$out/$label-r$r.txt
    echo "== $label r$r $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $f
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp $jar io.github.asr4j.bench.DecoderStepFigures /work/shared card INT8 Q8 2 5 >> $f 2>&1
    echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $f
  done
done
