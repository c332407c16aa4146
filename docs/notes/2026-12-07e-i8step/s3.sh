#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g"
P=/work/build/i8step/probe
echo "s3 start $(date -u +%T) $(cat /proc/loadavg)"
for jar in base new2 base new2; do
  echo -n "$jar "; $J -cp /work/build/i8step/$jar.jar:$P I8Sizes 1:3072 1:8192 1:51865 17:3072 6:8192 1:3072 2>&1 | grep GB
done
echo "s3 end $(date -u +%T) $(cat /proc/loadavg)"
