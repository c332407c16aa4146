#!/bin/bash
cd /work/i8step
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g"
P=/work/build/i8step/probe
echo "s1 start $(date -u +%T) $(cat /proc/loadavg)"
for jar in base new1 base new1; do
  echo "== I8Step $jar"; $J -cp /work/build/i8step/$jar.jar:$P I8Step 2 4 8 24 2>&1 | grep greedy
done
for jar in base new1; do
  echo "== I8StepProbe $jar"; $J -cp /work/build/i8step/$jar.jar:$P I8StepProbe 11 2>&1 | grep -v WARN | grep -v INFO
done
echo "== I8Step 1 thread"
for jar in base new1; do $J -cp /work/build/i8step/$jar.jar:$P I8Step 1 1 2 8 2>&1 | grep greedy; done
echo "== tests $(date -u +%T)"
mvn -B -ntp -o -q -pl kernels-cpu test -Dtest='DecoderStepKernelsTest,KernelsCompileInC1Test,Int8*' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run|FAIL|ERROR" | tail -20
echo "s1 end $(date -u +%T) $(cat /proc/loadavg)"
