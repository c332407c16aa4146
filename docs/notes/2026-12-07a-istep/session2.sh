#!/bin/bash
# One hold of the lock: the row-length / working-set probe, two fresh JVMs.
source /tmp/istep-env.sh
date -u +%T; cat /proc/loadavg
for i in 1 2; do
  java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx1g -cp /tmp/istep-base.jar:/tmp/istepc RowLenProbe 100 200 1000 2>&1 | grep -v "WARN\|INFO\|CpuProviders"
done
date -u +%T; cat /proc/loadavg
