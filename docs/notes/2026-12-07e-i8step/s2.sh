#!/bin/bash
cd /work/i8step
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g"
P=/work/build/i8step/probe
echo "s2 start $(date -u +%T) $(cat /proc/loadavg)"
mvn -B -ntp -q -o -pl examples,bench -am install -DskipTests 2>&1 | tail -20; cp bench/target/asr4j-bench.jar /work/build/i8step/new2.jar
echo "built $(date -u +%T)"
for v in base "new2 -Dasr4j.int8.chunkRows=2147483647" "new2 -Dasr4j.int8.chunkRows=256" "new2 -Dasr4j.int8.chunkRows=64" "new2 -Dasr4j.int8.chunkRows=1024" base "new2 -Dasr4j.int8.chunkRows=256"; do
  set -- $v
  echo "== I8StepProbe $v"; $J $2 -cp /work/build/i8step/$1.jar:$P I8StepProbe 9 2>&1 | grep -v WARN | grep -v INFO | grep -v "alone    \(self_out\|cross\)"
done
echo "== tests $(date -u +%T)"
mvn -B -ntp -o -q -pl kernels-cpu test -Dtest='DecoderStepKernelsTest,KernelsCompileInC1Test' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run|FAIL|ERROR|SKIPPED" | head -8
echo "s2 end $(date -u +%T) $(cat /proc/loadavg)"
