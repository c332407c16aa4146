#!/bin/bash
R=/work/build/qenc3/base; O=/work/build/qenc3/probe/base
echo "start $(date -u +%T) $(uptime)"
for T in 1 2; do for off in 0 12; do ./run.sh $R $O kernel $T 4 $off 70; done; done
./run.sh $R $O pack 3 896x896 3584x896 896x3584
for T in 1 2; do ./run.sh $R $O gemm $T 3 416x896x896 416x896x3584 416x3584x896 277x896x896 277x3584x896; done
for T in 1 2; do ./run.sh $R $O conv $T 3 480,64,50,480 480,32,25,480; done
echo "end $(date -u +%T) $(uptime)"
