#!/bin/bash
# One hold of the lock: FoldProbe with several bench jars (JARS, default "base new": main's and this branch's),
# fresh JVMs, the order rotated every round. Args: rounds, threads, cases...
# Output: one line per case per JVM, prefixed with the round and the jar's name.
source /work/build/ifold/env.sh
rounds=$1; threads=$2; shift 2
read -ra jars <<< "${JARS:-base new}"
n=${#jars[@]}
date -u +%T; cat /proc/loadavg
for i in $(seq 1 $rounds); do
  for s in $(seq 0 $((n - 1))); do
    j=${jars[$(( (s + i) % n ))]}
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -XX:MaxDirectMemorySize=4g \
        -cp /work/build/ifold/$j.jar:/work/build/ifold/probe FoldProbe $threads "$@" 2>&1 | grep -v "WARN\|INFO\|CpuProviders" | sed "s/^/$i $j /"
  done
done
date -u +%T; cat /proc/loadavg
