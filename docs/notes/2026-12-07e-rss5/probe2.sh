#!/bin/bash
. /work/build/rss5/env.sh
uptime
:
for t in ${ORDER:-A B A B A B}; do T=$([ $t = A ] && echo /work/build/rss5/A || echo /work/rss5); CP=/work/build/rss5/probe$t:$T/kernels-cpu/target/classes:$T/kernels-cpu/target/test-classes:$T/kernels/target/classes:$T/loader/target/classes; echo "== $t"; java --add-modules=jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet "-XX:CompileCommand=MemStat,*::dots5QuadF16,print" "-XX:CompileCommand=MemStat,*::foldQuadSums,print" "-XX:CompileCommand=PrintInlining,*::dots5QuadF16" -cp $CP io.github.asr4j.kernels.cpu.QuadProbe 20000 2>&1 | grep -E "^c2|us a call|hash|foldQuad" | sed -E "s/Arena usage .*Total Usage/Total/" | cut -c1-150 | sort | uniq -c; done
uptime
