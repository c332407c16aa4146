#!/bin/bash
R=/work/build/qenc3/base; O=/work/build/qenc3/probe/base
echo "start $(date -u +%T) $(uptime)"
for i in 1 2; do for off in 12 0 4; do ./run.sh $R $O kernel 1 3 $off 70 | tail -2; done; done
for i in 1 2; do for off in 12 0; do ./run.sh $R $O kernel 2 3 $off 70 | tail -2; done; done
./run.sh $R $O pack 1 3 896x896 3584x896 896x3584
echo "end $(date -u +%T) $(uptime)"
