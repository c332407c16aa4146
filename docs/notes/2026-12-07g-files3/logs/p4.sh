#!/bin/bash
. /work/build/files3/env.sh
cd /work/build/files3
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
stamp "p4 start"
for rep in 1 2 3; do
for tag in base s1; do
JAR=base.jar; [ $tag = s1 ] && JAR=s1.jar
for th in 1 2; do
echo -n "$tag "; $J -cp probe-$tag:tc-$tag:$JAR:$AJ io.github.asr4j.kernels.cpu.SixteenRowsProbe $M $th 16 logits-file 5 20 2>&1 | grep -v WARN
done; done; done
stamp "p4 end"
