#!/bin/bash
# encab.sh PAIRS PASSES ARM_A_ROOT ARM_B_ROOT: EncAB, fresh JVM per run, order AB BA AB ...
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; D=$(cat /work/build/qattn/deps.txt)
cpof() { local R=$1; echo "$R/core/target/classes:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes:$R/tokenizer/target/classes:$D"; }
echo "start $(date -u +%T) $(uptime)"
for i in $(seq 1 $1); do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  R=$3; P=/work/build/qenc3/probe/enc-base; [ $v = B ] && R=$4 && P=/work/build/qenc3/probe/enc-new
  echo "== $v $i $(date -u +%T) $($J --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g $JOPTS -cp $P:$(cpof $R) io.github.asr4j.qwen.EncAB /work/build/qwen3-asr-0.6b-shape /work/shared/testdata/audio/long/sonnet001.wav $2 2>&1 | grep passes)"
done; done
echo "end $(date -u +%T) $(uptime)"
