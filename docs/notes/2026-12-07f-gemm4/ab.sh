#!/bin/bash
# ab.sh PAIRS T shapes... : alternate base (A) and worktree (B) JVMs, run mode
P=$1; T=$2; shift 2
O=/work/build/gemm4/probe/cls
echo "start $(date -u +%T) $(uptime)"
for p in $(seq 1 $P); do
  if [ $((p % 2)) = 1 ]; then order="A B"; else order="B A"; fi
  for arm in $order; do
    if [ $arm = A ]; then R=/work/build/gemm4/base; else R=/work/gemm4; fi
    ./run.sh $R $O run $T 3 "$@" | sed "s/^/$arm$p /"
  done
done
echo "end $(date -u +%T) $(uptime)"
