#!/bin/bash
# A/B of `bench measure-qwen` (the child of `bench qwen`), fresh JVMs, alternated; jars: base = integ da5c32b bench jar (built 07:12), new = the same with qpair 8aa2665 BF16Weights classes (new5.jar)
B=/work/build/qpair; cd /work/qpair
echo "start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
for i in $(seq 1 ${1:-8}); do
  if [ $((i % 2)) = 1 ]; then order="base new"; else order="new base"; fi
  for v in $order; do
    ABJAR=$B/$([ $v = new ] && echo new5 || echo base).jar ASR4J_AOT=0 OPENBLAS_CORETYPE=SkylakeX $B/asr4j-ab bench measure-qwen --model /work/build/qwen3-asr-0.6b-shape \
      --audio ../shared/testdata/audio/jfk/jfk.wav --threads 2 --steps 33 --warm_runs 1 > $B/r5/mq-$i-$v.json 2> $B/r5/mq-$i-$v.err
    echo "$i $v $(tr -d '\n ' < $B/r5/mq-$i-$v.json | cut -c1-400)"
  done
done
echo "end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
