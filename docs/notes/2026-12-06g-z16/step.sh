#!/bin/bash
# usage: step.sh OUTDIR ROUND label=cp[:props] ...   (one JVM per arm, in the order given)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
out=$1; r=$2; shift 2; mkdir -p $out
for arm in "$@"; do
  label=${arm%%=*}; rest=${arm#*=}; cp=${rest%%@*}; props=""; [[ $rest == *@* ]] && props=${rest#*@}
  f=$out/$label-r$r.txt
  echo "== $label r$r $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $f
  java $props --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp $cp io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 >> $f 2>&1
  echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $f
done
