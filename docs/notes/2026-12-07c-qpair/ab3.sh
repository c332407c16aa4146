#!/bin/bash
# A/B/C of `bench measure-qwen`, fresh JVMs, rotated; base = integ da5c32b bench jar, new = + qpair BF16Weights (one chain),
# new2 = + two chains (even, odd) per row
B=/work/build/qpair; cd /work/qpair; D=$B/r3; mkdir -p $D
echo "start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
for i in $(seq 1 ${1:-8}); do
  case $((i % 3)) in 1) order="base new new2";; 2) order="new new2 base";; 0) order="new2 base new";; esac
  for v in $order; do
    ABJAR=$B/$v.jar ASR4J_AOT=0 OPENBLAS_CORETYPE=SkylakeX $B/asr4j-ab bench measure-qwen --model /work/build/qwen3-asr-0.6b-shape \
      --audio ../shared/testdata/audio/jfk/jfk.wav --threads 2 --steps 33 --warm_runs 1 > $D/mq-$i-$v.json 2> $D/mq-$i-$v.err
    echo "$i $v $(tr -d '\n ' < $D/mq-$i-$v.json | cut -c1-200)"
  done
done
echo "end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
