#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
echo "== ab2 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
/work/build/q5/step.sh /work/build/q5/ab2 4 q5=/work/build/q5/C.jar main=/work/build/q5/A.jar
echo "== ab2 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/q5
for arm in A C; do
  cp /work/build/q5/$arm.jar bench/target/asr4j-bench.jar
  echo "== cli $arm $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  ASR4J_AOT=0 ./asr4j bench --models card --dtypes f16 --threads 2 --rounds 1 --steps_together 2>&1 | grep -v WARN | tail -40
  echo "== cli $arm end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
done
cp /work/build/q5/C.jar bench/target/asr4j-bench.jar
