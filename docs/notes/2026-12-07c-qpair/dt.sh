#!/bin/bash
# DotTime: integ's BF16Weights against qpair's, default (512-bit) and -XX:UseAVX=2 (256-bit), alternated
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
I=/work/integ; CP=$I/kernels-cpu/target/classes:$I/kernels/target/classes:$I/loader/target/classes
javac -nowarn --add-modules jdk.incubator.vector -d /work/build/qpair/dt -cp $CP /work/qpair/docs/notes/2026-12-07c-qpair/DotTime.java 2>&1 | grep -v "warning\|incubat"
echo "start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
for r in $(seq 1 ${ROUNDS:-3}); do
  for avx in "" "-XX:UseAVX=2"; do
    for v in base new; do
      if [ $v = new ]; then P=${NEWCLS:-/work/build/qpair/cls-new}:$CP; else P=$CP; fi
      echo "$r $v ${avx:-avx512} $(java --add-modules jdk.incubator.vector $avx -cp /work/build/qpair/dt:$P io.github.asr4j.kernels.cpu.DotTime 2>&1 | grep -v WARN)"
    done
  done
done
echo "end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
