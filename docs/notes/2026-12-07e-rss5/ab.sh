#!/bin/bash
# ab.sh PREFIX ORDER...: full gb0 runs, e.g. ab.sh r A B B A (A = main b381577 tree, B = rss5), AOT per env
. /work/build/rss5/env.sh
p=$1; shift
echo "hold start $(date +%T) $(uptime)" >> /work/build/rss5/runs/log.txt
i=0
for t in "$@"; do i=$((i+1)); T=$([ $t = A ] && echo /work/build/rss5/A || echo /work/rss5); /work/build/rss5/one.sh $T $p-$t$i; done
echo "hold end $(date +%T) $(uptime)" >> /work/build/rss5/runs/log.txt
