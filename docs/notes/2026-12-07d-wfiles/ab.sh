#!/bin/bash
# ab.sh OUT PAIRS: DecoderStepFigures card F16 F16 2 3, A (main) and B (branch) alternated, order flipped each pair
source /work/build/wfiles/env.sh
out=$1; n=$2
for i in $(seq 1 $n); do
  if (( i % 2 )); then order="A B"; else order="B A"; fi
  for j in $order; do
    echo "== $j r$i $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp /work/build/wfiles/$j.jar \
      io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $out/$j-r$i.txt 2>&1
    grep -E "greedy step|beams, one step|files, one step|heap allocated" $out/$j-r$i.txt | tr -s ' '
  done
done
