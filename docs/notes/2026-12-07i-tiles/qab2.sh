#!/bin/bash
# Qwen A/B: ./asr4j bench qwen (jfk, 2 threads, 1 round) from each tree's launcher and jar: A = main (base), B = the branch (fin tree)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
pairs=$1; d=/work/build/tiles/qab/$2; mkdir -p $d
echo "qwen start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 $pairs); do
  if [ $((i % 2)) = 1 ]; then order="A B"; else order="B A"; fi
  for arm in $order; do
    tree=/work/build/tiles/base; [ $arm = B ] && tree=/work/build/tiles/fin
    (cd $tree && ./asr4j bench qwen --model /work/build/qwen3-asr-0.6b-shape --audio /work/shared/testdata/audio/jfk/jfk.wav --threads 2 --rounds 1 --json) > $d/$arm-$i.txt 2> $d/$arm-$i.err
    echo "$arm-$i $(date -u +%T)"
  done
done
echo "qwen end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
