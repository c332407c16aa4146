#!/bin/bash
# wall.sh PAIRS: transcribe gb0.wav wall A/B, main-tree vs panels2, alternated, ASR4J_AOT=0, card F16, 2 threads
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
export ASR4J_AOT=0
O=/work/build/panels2/wall; mkdir -p $O; M=/root/.cache/asr4j/bench/card-f16
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 $1); do
  if [ $((i % 2)) = 1 ]; then order="main panels"; else order="panels main"; fi
  for arm in $order; do
    T=/work/panels2; [ $arm = main ] && T=/work/build/panels2/main-tree
    cd $T; /usr/bin/time -v -o $O/$arm$i.time ./asr4j transcribe --model $M --threads 2 /work/shared/testdata/audio/long/gb0.wav > $O/$arm$i.out 2> $O/$arm$i.err
    echo "$arm$i rc=$? ($(git rev-parse --short HEAD)) wall $(grep 'Elapsed (wall' $O/$arm$i.time | awk '{print $NF}') $(grep 'Maximum resident' $O/$arm$i.time | sed 's/^\s*//') out-md5 $(md5sum < $O/$arm$i.out | cut -c1-8) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
