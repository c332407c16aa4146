#!/bin/bash
cd /tmp/s09p
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
CP=/work/build/f4s/cls/kcpu:/work/build/f4s/cls/k:/work/build/f4s/cls/loader:/tmp/s09p
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP"
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in 1 2 3 4; do
 echo "-- round $r"
 for s in 2 4; do echo -n "java S=$s "; $J -Dasr4j.f16.streams=$s RowRate f16 300 100 2 2>/dev/null | tail -1; done
 for s in 2 4; do ./rowrate f16 f16shift $s 0 60 | cut -c1-100; done
done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
