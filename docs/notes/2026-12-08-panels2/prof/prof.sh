#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
O=/work/build/panels2/prof; mkdir -p $O; M=/root/.cache/asr4j/bench/card-f16
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for arm in panels main; do
  T=/work/panels2; [ $arm = main ] && T=/work/build/panels2/main-tree
  cd $T; timeout 200 ./asr4j profile --model $M --threads 2 /work/shared/testdata/audio/long/gb0.wav --csv $O/$arm.csv --json $O/$arm.json --peak_gflops 422 > $O/$arm.out 2> $O/$arm.err
  echo "$arm rc=$? $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
done
