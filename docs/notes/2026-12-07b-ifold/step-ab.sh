#!/bin/bash
# DecoderStepFigures (card, F16 weights, F16 kv cache, 2 threads, 5 rounds) with main's and this branch's bench jars,
# alternated fresh JVMs (order flipped every pair). Args: pairs [first pair number]; NEW: the branch jar's name
# (default new2). Keeps the step lines.
source /work/build/ifold/env.sh
pairs=$1; first=${2:-1}
date -u +%T; cat /proc/loadavg
for i in $(seq $first $((first + pairs - 1))); do
  if (( i % 2 )); then order="base ${NEW:-new2}"; else order="${NEW:-new2} base"; fi
  for j in $order; do
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp /work/build/ifold/$j.jar \
        io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 5 2>&1 \
      | grep -E "^  greedy step|5 beams, one step|16 files, one step|streaming read|^    logits |mlp.fc1 |mlp.fc2 " | sed "s/^/$i $j /"
  done
done
date -u +%T; cat /proc/loadavg
