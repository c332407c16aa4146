#!/bin/bash
. /work/build/files3/env.sh
cd /work/build/files3
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
stamp "p1 start"
for th in 2 1; do
$J -cp probe-base:tc-base:base.jar:$AJ io.github.asr4j.kernels.cpu.SixteenRowsProbe $M $th 16 logits-file,logits-anon,logits-flush,fc1-file,q-file,fc2-file 5 20 2>&1 | grep -v WARN
done
stamp "p1 end"
