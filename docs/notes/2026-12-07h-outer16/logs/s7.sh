#!/bin/bash
# a hand prefetch (one int of the next panel read each k) in the 16-row outer kernel: cold (evict 600 MB) and warm;
# same bits checked in a 1-thread warm JVM (fc1 only, check)
. /work/build/outer16/env.sh
cd /work/build/outer16
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
P=io.github.asr4j.kernels.cpu.OuterProbe
stamp "$1 start"
$J -cp probe7:tc:base.jar $P $M /work/build/outer16 1 fc2 3 check 2>&1 | grep "check: unrolled"
for th in 2 1 2 1; do
$J -cp probe7:tc:base.jar -Devict=600 -Darms=L16,O16n,O16n-pf,O16n-u2 $P $M /work/build/outer16 $th logits,fc1,fc2 9 2>&1 | grep -v "WARN\|^raw"
stamp "$1 cold jvm $th done"
done
$J -cp probe7:tc:base.jar -Darms=L16,O16n,O16n-pf,O16n-u2 $P $M /work/build/outer16 2 logits,fc1,fc2 9 2>&1 | grep -v "WARN\|^raw"
stamp "$1 warm 2 threads done"
stamp "$1 end"
