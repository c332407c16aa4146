#!/bin/bash
# diagnosis of the library's 16-row logits in OuterProbe (19 ms) vs SixteenRowsProbe (13 ms): arms alone, heap a call
. /work/build/outer16/env.sh
cd /work/build/outer16
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
stamp "$1 start"
$J -cp probe2:tc:base.jar -Darms=L16 io.github.asr4j.kernels.cpu.OuterProbe $M /work/build/outer16 1 logits 9 2>&1 | grep -v "WARN\|^raw"
stamp "$1 L16 alone done"
$J -cp probe2:tc:base.jar -Darms=L16,O16n io.github.asr4j.kernels.cpu.OuterProbe $M /work/build/outer16 1 logits 9 2>&1 | grep -v "WARN\|^raw"
stamp "$1 L16,O16n done"
$J -cp probe2:tc:base.jar io.github.asr4j.kernels.cpu.OuterProbe $M /work/build/outer16 1 logits 9 2>&1 | grep -v "WARN\|^raw"
stamp "$1 all done"
$J -cp probe:tc:base.jar io.github.asr4j.kernels.cpu.SixteenRowsProbe $M 1 16 logits-file 9 5 2>&1 | grep -v WARN
stamp "$1 end"
