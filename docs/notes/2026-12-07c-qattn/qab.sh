#!/bin/bash
# usage: qab.sh WAV STEPS PAIRS [profile]: QwenSpeedBenchmark, A = main (0386a41, /work/build/qattn/base-src), B = branch qattn
# (/work/qattn), fresh JVMs, order rotated per pair (AB, BA, ...)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
D=$(cat /work/build/qattn/deps.txt)
cpof() { local R=$1; echo "$R/core/target/test-classes:$R/core/target/classes:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes:$R/tokenizer/target/classes:$R/testkit/target/classes:$D"; }
echo "start $(date -u +%T) $(uptime)"
for i in $(seq 1 $3); do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  R=/work/qattn; [ $v = A ] && R=/work/build/qattn/base-src
  echo "== $v $i $(date -u +%T)"
  $J --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g -cp $(cpof $R) io.github.asr4j.qwen.QwenSpeedBenchmark /work/build/qwen3-asr-0.6b-shape $1 2 $2 $4 2>&1 | grep -v WARN | grep -E "step median|audio tokens"
done; done
echo "end $(date -u +%T) $(uptime)"
