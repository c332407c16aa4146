#!/bin/bash
# ab.sh PREFIX ORDER...: full gb0 runs, e.g. ab.sh r A B B A (A = main 68def55 tree, B = rss6), AOT on
p=$1; shift; R=/work/build/rss6/runs
echo "hold start $(date +%T) $(uptime)" >> $R/log.txt
for t in "$@"; do T=$([ ${t:0:1} = A ] && echo /work/build/rss6/A || echo /work/rss6); /work/build/rss6/one.sh $T $p-$t; done
echo "hold end $(date +%T) $(uptime)" >> $R/log.txt
