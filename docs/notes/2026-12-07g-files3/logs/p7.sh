#!/bin/bash
. /work/build/files3/env.sh
cd /work/build/files3
stamp "p7 start"
for i in 1 2 3; do $J -cp probe-lab3:base.jar io.github.asr4j.kernels.cpu.OctetFoldLab 200000 normal 2>&1 | grep -v WARN; done
stamp "p7 end"
