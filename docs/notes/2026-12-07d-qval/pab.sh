#!/bin/bash
# usage: pab.sh PAIRS "probe args": QvalProbe A = base, B = new, fresh JVMs, rotated AB/BA
cd /work/build/qval
echo "start $(date -u +%T) $(uptime)"
for i in $(seq 1 $1); do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  W=new; [ $v = A ] && W=base
  echo "== $v $i $(date -u +%T)"; ./p.sh $W $2 | grep RESULT
done; done
echo "end $(date -u +%T) $(uptime)"
