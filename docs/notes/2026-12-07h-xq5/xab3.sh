#!/bin/bash
# xab3.sh OUT PAIRS NQ jarA jarB jarC : XattProbe NQ 24 9, A B C rotated each round
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
out=$1; n=$2; nq=$3; A=$4; B=$5; C=$6; mkdir -p $out
echo "series start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $out/series.txt
for i in $(seq 1 $n); do
  case $((i % 3)) in 1) order="A B C";; 2) order="B C A";; 0) order="C A B";; esac
  for arm in $order; do
    jar=$A; [[ $arm == B ]] && jar=$B; [[ $arm == C ]] && jar=$C
    echo -n "$arm $i nq=$nq $(basename $jar) $(date -u +%T) " >> $out/x.txt
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g -cp /work/build/xq5/xprobe:$jar XattProbe $nq 24 9 2>&1 | grep nq= >> $out/x.txt
  done
done
echo "series end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $out/series.txt
