#!/bin/bash
R=/work/gemm4; O=/work/build/gemm4/probe/cls
echo "start $(date -u +%T) $(uptime)"
for T in 2 1; do ./run.sh $R $O map $T 3 158x1024x2048 158x1024x1024 158x2048x1024 158x1024x3072 158x3072x1024 416x896x896 416x896x3584 1500x768x768:f16; done
echo "end $(date -u +%T) $(uptime)"
