#!/bin/bash
# prefab.sh PAIRS WARM [wav]: PrefAB fresh JVMs alternated AB BA ..., A = base kernels-cpu, B = /work/gemm4
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; D=$(cat /work/build/qattn/deps.txt); W=/work/gemm4
WAV=${3:-/work/shared/testdata/audio/jfk/jfk.wav}
cpof() { echo "/work/build/gemm4/e2e/cls:$W/core/target/test-classes:$W/core/target/classes:$1:$W/kernels/target/classes:$W/loader/target/classes:$W/tokenizer/target/classes:$D"; }
echo "start $(date -u +%T) $(uptime)"
for i in $(seq 1 $1); do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  K=${KA:-/work/build/gemm4/base/kernels-cpu/target/classes}; [ $v = B ] && K=${KB:-$W/kernels-cpu/target/classes}
  echo "== $v $i $(date -u +%T) $($J --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g $JOPTS -cp $(cpof $K) io.github.asr4j.qwen.PrefAB /work/build/qwen3-asr-0.6b-shape $WAV $2 2>&1 | grep -E 'rows|Exception|Error')"
done; done
echo "end $(date -u +%T) $(uptime)"
