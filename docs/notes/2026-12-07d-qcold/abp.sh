#!/bin/bash
# abp.sh TAG ROUNDS ARM... : ColdProbe (probe.sh) per arm tree /work/build/qcold/arms/ARM, arms rotated per round, one fresh JVM each.
# Prints per JVM: arm, encoder, prefill, last-row logits span (sampled), first 5 steps, median step, logits hash.
tag=$1; rounds=$2; shift 2; arms=("$@"); out=/work/build/qcold/out; mkdir -p $out
P=/work/qcold/docs/notes/2026-12-07d-qcold/probe.sh
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
n=${#arms[@]}
for r in $(seq 1 $rounds); do
  for k in $(seq 0 $((n-1))); do
    a=${arms[$(( (k + r) % n ))]}
    f=$out/$tag-r$r-$a.txt
    $P /work/build/qcold/arms/$a $PROBE_EXTRA > $f 2>&1
    enc=$(grep -o 'encoder [0-9.]*' $f | head -1 | cut -d' ' -f2); pre=$(grep -o 'prefill [0-9.]*' $f | head -1 | cut -d' ' -f2)
    span=$(grep -o 'span [0-9.]*' $f | head -1 | cut -d' ' -f2); steps=$(grep -o 'first steps (ms)[0-9. ]*' $f | head -1 | cut -d')' -f2 | cut -d' ' -f2-6)
    med=$(grep -o 'median [0-9.]*' $f | head -1 | cut -d' ' -f2); h=$(grep -o 'steps) [0-9a-f]*' $f | head -1 | cut -d' ' -f2)
    echo "r$r $a enc $enc pre $pre logits $span steps $steps med $med hash $h $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)" | tee -a $out/$tag.log
  done
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
