#!/bin/bash
# probe.sh: build the QuadProbe against A's and B's kernels-cpu classes; run each with MemStat
. /work/build/rss5/env.sh
for t in A B; do
  T=$([ $t = A ] && echo /work/build/rss5/A || echo /work/rss5)
  CP=$T/kernels-cpu/target/classes:$T/kernels-cpu/target/test-classes:$T/kernels/target/classes:$T/loader/target/classes
  mkdir -p /work/build/rss5/probe$t
  javac -d /work/build/rss5/probe$t --add-modules=jdk.incubator.vector -cp $CP /work/rss5/docs/notes/2026-12-07e-rss5/QuadProbe.java 2>&1 | grep -v warning
done
