#!/bin/bash
# One hold of the lock: the row-length / working-set probe, each case alone, two fresh JVMs (200 MB sets warm the JIT, then one 4.7 MB matrix: in the L3, compute-side).
source /tmp/istep-env.sh
date -u +%T; cat /proc/loadavg
for i in 1; do
  java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx1g -XX:MaxDirectMemorySize=8g \
      -cp /tmp/istep-base.jar:/tmp/istepc RowLenProbe 200 200 5 5 5 2>&1 | grep -v "WARN\|INFO\|CpuProviders"
done
date -u +%T; cat /proc/loadavg
