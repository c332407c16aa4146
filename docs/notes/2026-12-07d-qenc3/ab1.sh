#!/bin/bash
# ab1.sh ARM2 MODE T args: alternate base and ARM2, 3 pairs
A2=$1; shift
echo "start $(date -u +%T) $(uptime)"
for i in 1 2 3; do for arm in ${A1:-base} $A2; do echo "== $arm"; ./run.sh /work/build/qenc3/$arm /work/build/qenc3/probe/$arm "$@" | tail -${TAILN:-5}; done; done
echo "end $(date -u +%T) $(uptime)"
