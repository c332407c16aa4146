#!/bin/bash
# One hold of the lock: the row-length / working-set probe, each case alone, two fresh JVMs (the first 200 MB sets warm the JIT).
source /tmp/istep-env.sh
date -u +%T; cat /proc/loadavg
for i in 1 2; do
  java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx1g -XX:MaxDirectMemorySize=8g \
      -cp /tmp/istep-base.jar:/tmp/istepc RowLenProbe 200 200 1000 200 200 2>&1 | grep -v "WARN\|INFO\|CpuProviders"
done
date -u +%T; cat /proc/loadavg
