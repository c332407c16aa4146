#!/bin/bash
. /work/build/files3/env.sh
cd /work/build/files3
stamp "p6 start"
for i in 1 2 3; do $J -cp probe-lab2:base.jar io.github.asr4j.kernels.cpu.OctetFoldLab 200000 2>&1 | grep -v WARN; done
stamp "p6 end"
