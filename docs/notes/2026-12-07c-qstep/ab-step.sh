#!/bin/bash
# A/B of the warm decoder step (QwenSpeedBenchmark, 2 threads, 80 steps, profile off), fresh JVMs, alternated
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
B=/work/build/qstep; cd /work/qstep
echo "start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
for i in $(seq 1 ${1:-8}); do
  if [ $((i % 2)) = 1 ]; then order="base new"; else order="new base"; fi
  for v in $order; do
    r=$(java --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g -cp $B/kcpu-$v:$(cat $B/cp-rest.txt) \
      io.github.asr4j.qwen.QwenSpeedBenchmark /work/build/qwen3-asr-0.6b-shape ../shared/testdata/audio/jfk/jfk.wav 2 80 2>&1 | grep -o "step median [0-9.]* ms")
    echo "$i $v $r"
  done
done
echo "end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
