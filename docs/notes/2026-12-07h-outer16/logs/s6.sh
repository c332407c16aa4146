#!/bin/bash
# cold weights: 600 MB of heap read (untimed) before every timed call, so each call reads its weights from DRAM;
# the one-row question (greedy at the read ceiling?), and 5/16 rows cold; JVMs 1, 2, 2, 1 threads
. /work/build/outer16/env.sh
cd /work/build/outer16
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
P=io.github.asr4j.kernels.cpu.OuterProbe
stamp "$1 start"
for th in 1 2 2 1; do
$J -cp probe6:tc:base.jar -Devict=600 -Darms=L1,O1n,O1i,L5,O5n,L16,O16n $P $M /work/build/outer16 $th logits,fc1,fc2 9 2>&1 | grep -v "WARN"
stamp "$1 jvm $th done"
done
stamp "$1 end"
