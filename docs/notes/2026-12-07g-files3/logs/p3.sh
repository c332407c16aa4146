#!/bin/bash
. /work/build/files3/env.sh
cd /work/build/files3
stamp "p3 start"
for rep in 1 2 3; do
for mdl in card-f16 flush; do
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors; [ $mdl = flush ] && M=/work/build/files3/card-flush/model.safetensors
for th in 2 1; do
echo -n "$mdl "; $J -cp probe-base:tc-base:base.jar:$AJ io.github.asr4j.kernels.cpu.SixteenRowsProbe $M $th 16 logits-file 5 20 2>&1 | grep -v WARN
done; done; done
stamp "p3 end"
