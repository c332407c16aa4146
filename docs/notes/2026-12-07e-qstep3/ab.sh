#!/bin/bash
# usage: ab.sh WAV STEPS PAIRS ARM_A ARM_B: QwenSpeedBenchmark MODEL WAV 2 STEPS in fresh JVMs, A B / B A rotated
. /work/build/qstep3/cp.sh
wav=$1; steps=$2; pairs=$3; a=$4; b=$5
echo "== ab $wav $steps steps, $pairs pairs, $a vs $b, start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((p = 0; p < pairs; p++)); do
  if ((p % 2 == 0)); then order="$a $b"; else order="$b $a"; fi
  for arm in $order; do
    out=$($J -cp $(cpof $arm) io.github.asr4j.qwen.QwenSpeedBenchmark $M $A/$wav 2 $steps 2>&1 | grep -v WARN)
    echo "pair $p $arm $(echo "$out" | grep -o 'encoder.*step median [0-9.]* ms') $(echo "$out" | grep -o 'peak RSS [^;]*')"
  done
done
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
