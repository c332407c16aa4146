#!/bin/bash
# series: ceilings, files3's SixteenRowsProbe (cross-check of the library's 16-row logits), then OuterProbe JVMs 1,2,2,1 threads
. /work/build/outer16/env.sh
cd /work/build/outer16
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
CP=probe:tc:base.jar
stamp "$1 start"; uptime
(cd /work/outer16 && ./asr4j bench ceilings --threads 2 2>&1 | grep -v WARN | tail -15)
stamp "$1 ceilings done"
$J -cp $CP io.github.asr4j.kernels.cpu.SixteenRowsProbe $M 1 16 logits-file,fc1-file,fc2-file 5 20 2>&1 | grep -v WARN
stamp "$1 sixteen done"
for th in 1 2 2 1; do
  $J -cp $CP io.github.asr4j.kernels.cpu.OuterProbe $M /work/build/outer16 $th logits,fc1,fc2 ${2:-9} 2>&1 | grep -v WARN
  stamp "$1 jvm $th done"
done
stamp "$1 end"; uptime
