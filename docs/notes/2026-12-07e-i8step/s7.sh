#!/bin/bash
cd /work/i8step
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g"
P=/work/build/i8step/probe
echo "s7 start $(date -u +%T) $(cat /proc/loadavg)"
for i in 1 2 3 4 5 6 7 8; do
  if [ $((i % 2)) = 1 ]; then order="new3 base"; else order="base new3"; fi
  for jar in $order; do
    echo "$i $jar $($J -cp /work/build/i8step/$jar.jar:$P I8Step 2 6 8 24 2>&1 | grep greedy)"
  done
done
echo "s7 end $(date -u +%T) $(cat /proc/loadavg)"
