#!/bin/bash
. /work/build/files3/env.sh
cd /work/build/files3
stamp "p5 start"
for i in 1 2; do $J -cp probe-lab:base.jar io.github.asr4j.kernels.cpu.OctetFoldLab 200000 2>&1 | grep -v WARN; done
for rep in 1 2; do
for mdl in card-f16 flush; do
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors; [ $mdl = flush ] && M=/work/build/files3/card-flush/model.safetensors
for n in 5 1; do
echo -n "$mdl "; $J -cp probe-base:tc-base:base.jar:$AJ io.github.asr4j.kernels.cpu.SixteenRowsProbe $M 1 $n logits-file 5 40 2>&1 | grep -v WARN
done; done; done
stamp "p5 end"
