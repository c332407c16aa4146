#!/bin/bash
cd /work/f8s
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
F=kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/F16Weights.java
echo "== deliberate error (dot8F16: rows C and D's outputs swapped) $(date -u +%T) load $(cat /proc/loadavg)"
cp $F /tmp/f8s/F16Weights.java.good
sed -i 's/y\[yOff + 2 \* apart\] = sC;/y[yOff + 2 * apart] = sD;/; s/y\[yOff + 3 \* apart\] = sD;/y[yOff + 3 * apart] = sC;/' $F
git diff --stat
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest=DecoderStepKernelsTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL" | head -20
cp /tmp/f8s/F16Weights.java.good $F
git diff --stat
echo "== kernels-cpu verify $(date -u +%T) load $(cat /proc/loadavg)"
mvn -B -ntp -o -pl kernels-cpu -am verify 2>&1 | grep -E "Tests run:.*Fail|BUILD|ERROR" | tail -8
echo "== core tests $(date -u +%T) load $(cat /proc/loadavg)"
mvn -B -ntp -o -pl core -am test -Dtest='WhisperParityTest,DecoderStepKernelsTest,*F16*' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|BUILD|ERROR" | tail -12
echo "== done $(date -u +%T) load $(cat /proc/loadavg)"
