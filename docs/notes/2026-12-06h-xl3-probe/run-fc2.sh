#!/bin/bash
# Fc2Probe alternated: base jar (main) and new jar (RowParts.touch in four XORs), fresh JVM each, F16 and INT8.
# usage: [JARS="base new"] [FORMATS="STORED INT8"] run-fc2.sh ROUNDS OUTFILE
#   (jars at /tmp/xl3-<name>.jar; Fc2Probe compiled into /tmp/xl3f)
rounds=$1 out=$2
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
echo "load start: $(cat /proc/loadavg) $(date -u +%T)" >> "$out"
for r in $(seq "$rounds"); do
  for j in ${JARS:-base new}; do
    for f in ${FORMATS:-STORED INT8}; do
      echo -n "$j " >> "$out"
      java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp /tmp/xl3-$j.jar:/tmp/xl3f \
          Fc2Probe $f 48 8 2>&1 | grep sets= >> "$out"
    done
  done
done
echo "load end: $(cat /proc/loadavg) $(date -u +%T)" >> "$out"
