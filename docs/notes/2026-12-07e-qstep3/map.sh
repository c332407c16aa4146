#!/bin/bash
# usage: map.sh ARM WAV THREADS WARM STEPS [jvm flags]
. /work/build/qstep3/cp.sh
arm=$1; wav=$2; shift 2; th=$1; w=$2; st=$3; shift 3
echo "== $(date -u +%T) $arm $wav $th $w $st $* load $(cut -d' ' -f1-3 /proc/loadavg)"
$J "$@" -cp $(cpof $arm) io.github.asr4j.qwen.QStep3Map $M $A/$wav $th $w $st 2>&1 | grep -v WARN
