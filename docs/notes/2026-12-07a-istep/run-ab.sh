#!/bin/bash
# StepProbe alternated between two jars, a fresh JVM each; every JVM's line kept.
# usage: [ORDER="new base"] run-ab.sh PAIRS OUTFILE BASEJAR NEWJAR   (probe classes in /tmp/istepc)
pairs=$1 out=$2 base=$3 new=$4
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
echo "load start: $(cat /proc/loadavg) $(date -u +%T)" >> "$out"
for r in $(seq "$pairs"); do
  for j in ${ORDER:-base new}; do
    jar=$base; [ $j = new ] && jar=$new
    o=$(java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx3g -cp $jar:/tmp/istepc \
        StepProbe 5 24 2>&1)
    line=$(grep greedy <<< "$o") || { echo "$o" | tail -20 >> "$out"; exit 1; }
    echo "$r $j $line" >> "$out"
  done
done
echo "load end: $(cat /proc/loadavg) $(date -u +%T)" >> "$out"
