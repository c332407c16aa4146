#!/bin/bash
# RowRate, card step matrices: M = main's dot4F16 (first build, S=4), F = four streams with the odd addresses fixed,
# E = eight streams (fixed); arms rotated each round
cd /tmp/f8s
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
run() { local d=$1 s=$2; java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g \
  -cp /work/build/f8s/$d/kcpu:/work/build/f8s/$d/k:/work/build/f8s/$d/loader:/tmp/f8s -Dasr4j.f16.streams=$s RowRate f16 300 100 2 2>/dev/null | tail -1 | cut -c30-; }
N=${1:-4}
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in $(seq $N); do
 echo "-- round $r"
 case $((r % 3)) in 1) order="M F E";; 2) order="F E M";; 0) order="E M F";; esac
 for a in $order; do
  case $a in M) echo -n "M (main dot4)  "; run cls-v1 4;; F) echo -n "F (dot4 fixed) "; run cls 4;; E) echo -n "E (dot8 fixed) "; run cls 8;; esac
 done
done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
