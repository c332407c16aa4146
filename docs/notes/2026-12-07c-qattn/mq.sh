#!/bin/bash
# usage: mq.sh PAIRS: ./asr4j bench measure-qwen on sonnet001, A = main's bench jar, B = branch qattn's, order rotated
cd /work/qattn
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0 OPENBLAS_CORETYPE=SkylakeX
echo "start $(date -u +%T) $(uptime)"
for i in $(seq ${2:-1} $1); do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  cp /work/build/qattn/$v-bench.jar bench/target/asr4j-bench.jar
  echo "== $v $i $(date -u +%T)"; ./asr4j bench measure-qwen --model /work/build/qwen3-asr-0.6b-shape --audio ../shared/testdata/audio/long/sonnet001.wav --threads 2 --steps 120 --warm_runs 1 2>&1 | grep -v WARN
done; done
cp /work/build/qattn/B-bench.jar bench/target/asr4j-bench.jar
echo "end $(date -u +%T) $(uptime)"
