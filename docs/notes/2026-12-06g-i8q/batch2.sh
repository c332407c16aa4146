#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0 MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "== ceilings $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -jar /work/build/i8q/A.jar bench ceilings --threads 2 --buffer_mb 512 2>&1 | grep -v WARN
echo "== tests $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/i8q && mvn -B -ntp -o -pl kernels-cpu -am verify -Dtest='KernelsCompileInC1Test,Int8PairsTest,DecoderStepKernelsTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run|FAIL|ERROR|BUILD|expected|differ" | head -40
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
