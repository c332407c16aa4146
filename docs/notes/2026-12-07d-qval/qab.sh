#!/bin/bash
# usage: qab.sh WAV STEPS PAIRS [profile]: QwenSpeedBenchmark, A = main (c5d816e, /work/build/qval/base), B = /work/qval classes,
# fresh JVMs, order rotated per pair (AB, BA, ...)
. /work/build/qval/cp.sh
echo "start $(date -u +%T) $(uptime)"
for i in $(seq 1 $3); do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  W=new; [ $v = A ] && W=base
  echo "== $v $i $(date -u +%T)"
  $J -cp $(cpof $W) io.github.asr4j.qwen.QwenSpeedBenchmark $M $1 2 $2 $4 2>&1 | grep -v WARN | grep -E "step median|audio tokens|RSS"
done; done
echo "end $(date -u +%T) $(uptime)"
