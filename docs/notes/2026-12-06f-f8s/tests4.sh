#!/bin/bash
# the four-stream path (switch 4): DecoderStepKernelsTest, then with dot4F16's rows C and D swapped (must fail)
cd /work/f8s
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
F=kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/F16Weights.java
echo "== streams=4, correct $(date -u +%T) load $(cat /proc/loadavg)"
mvn -B -ntp -o -pl kernels-cpu -am test -Dasr4j.f16.streams=4 -Dtest=DecoderStepKernelsTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|BUILD" | tail -4
cp $F /tmp/f8s/F16Weights.java.good4
sed -i 's/y\[yOff + 2 \* apart\] = u;/y[yOff + 2 * apart] = v;/; s/y\[yOff + 3 \* apart\] = v;/y[yOff + 3 * apart] = u;/' $F
echo "== streams=4, dot4F16 rows C and D swapped $(date -u +%T)"; git diff --stat -- $F
mvn -B -ntp -o -pl kernels-cpu -am test -Dasr4j.f16.streams=4 -Dtest=DecoderStepKernelsTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|BUILD" | tail -4
cp /tmp/f8s/F16Weights.java.good4 $F; git diff --stat -- $F
echo "== done $(date -u +%T) load $(cat /proc/loadavg)"
