#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
B=/work/build/qstep; W=/work/qstep; cd $W
echo "start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
for v in base new; do for t in 2 1; do
  echo "hash $v threads $t"; java --add-modules jdk.incubator.vector -cp $B/hash:$B/kcpu-$v:$W/kernels/target/classes:$W/loader/target/classes ProductHash /work/build/qwen3-asr-0.6b-shape/model.safetensors $t 2>&1 | grep -v WARN
done; done
for v in base new; do
  echo "profile $v"
  java --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g -cp $B/kcpu-$v:$(cat $B/cp-rest.txt) \
      io.github.asr4j.qwen.QwenSpeedBenchmark /work/build/qwen3-asr-0.6b-shape ../shared/testdata/audio/jfk/jfk.wav 2 80 profile 2>&1 | grep -v WARN | grep -A14 "decoder.step by op name\|step median"
done
echo "end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
