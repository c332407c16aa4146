#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
B=/work/build/qstep; cd /work/qstep
echo "start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
for v in base new; do for t in 2 1; do
  echo "hash $v threads $t"; java --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -cp $B/hash:$B/kcpu-$v:$(cat $B/cp-rest.txt) ProductHash /work/build/qwen3-asr-0.6b-shape/model.safetensors $t 2>&1 | grep -v WARN
done; done
echo "end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
