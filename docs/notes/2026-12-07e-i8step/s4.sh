#!/bin/bash
cd /work/i8step
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g"
P=/work/build/i8step/probe
echo "s4 start $(date -u +%T) $(cat /proc/loadavg)"
mvn -B -ntp -q -o -pl examples,bench -am install -DskipTests 2>&1 | tail -20; cp bench/target/asr4j-bench.jar /work/build/i8step/new3.jar
echo "built $(date -u +%T)"
for i in 1 2 3 4 5 6 7 8; do
  if [ $((i % 2)) = 1 ]; then order="base new3"; else order="new3 base"; fi
  for jar in $order; do
    echo "$i $jar $($J -cp /work/build/i8step/$jar.jar:$P I8Step 2 6 8 24 2>&1 | grep greedy)"
  done
done
echo "probe $(date -u +%T) $(cat /proc/loadavg)"
for jar in base new3; do
  echo "== I8StepProbe $jar"; $J -cp /work/build/i8step/$jar.jar:$P I8StepProbe 15 400 2>&1 | grep -v WARN | grep -v INFO
done
echo "s4 end $(date -u +%T) $(cat /proc/loadavg)"
