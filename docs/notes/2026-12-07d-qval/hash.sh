#!/bin/bash
# usage: hash.sh <base|new> WAV STEPS
. /work/build/qval/cp.sh
$J -cp $(cpof $1) io.github.asr4j.qwen.QvalHash $M $2 $3 2>&1 | grep -v WARN | grep hash
