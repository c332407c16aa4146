#!/bin/bash
# profile (card-f16, jfk, 2 threads, warmup 3, 40 tokens) with base-cli and sub-cli, alternated, order flipped each pair. Args: pairs
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
for i in $(seq 1 $1); do
  if (( i % 2 )); then order="base sub"; else order="sub base"; fi
  for j in $order; do
    java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar /work/build/wstep/$j-cli.jar profile \
      --model /root/.cache/asr4j/bench/card-f16 /work/shared/testdata/audio/jfk/jfk.wav --threads 2 --warmup 3 --max_tokens 40 \
      --json /work/build/wstep/prof-$i-$j.json 2>/dev/null | grep -E "decoder.step |decoder.logits" | tr -s ' ' | sed "s/^/$i $j /"
  done
done
