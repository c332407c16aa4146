#!/bin/bash
# RowRate (the rowrate note's Java probe) over the card step's matrices: one-row F16 product from 4 vs 8 streams
# (the branch's temporary switch asr4j.f16.streams), alternated, C f16shift S=4/8 beside (rowrate8.c, gcc -O3 -march=native)
cd /tmp/f8s
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
CP=/work/build/f8s/cls/kcpu:/work/build/f8s/cls/k:/work/build/f8s/cls/loader:/tmp/f8s
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP"
N=${1:-4}
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in $(seq $N); do
 echo "-- round $r"
 order="4 8"; [ $((r % 2)) = 0 ] && order="8 4"
 for s in $order; do echo -n "java S=$s "; $J -Dasr4j.f16.streams=$s RowRate f16 300 100 2 2>/dev/null | tail -1; done
 for s in 4 8; do ./rowrate8 f16 f16shift $s 0 60 | cut -c1-100; done
done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
