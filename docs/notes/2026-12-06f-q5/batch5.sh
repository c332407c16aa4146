#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/q5
F=kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/F16Weights.java
echo "== err $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
sed -i 's/do4 = xv.fma(d, do4);/do4 = xv.fma(c, do4);/' $F
git diff --stat
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest=F16QuadsTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run|FAIL|outputs differing|BUILD" | head -8
git checkout -- $F; git status --short
echo "== verify $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -ntp -o -pl kernels-cpu -am verify 2>&1 | grep -E "Tests run:|FAIL|BUILD|ERROR" | grep -v "Tests run: [0-9]*, Failures: 0, Errors: 0, Skipped: [0-9]*, Time" | tail -12
echo "== core $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -ntp -o -pl core -am test -Dtest='WhisperParityTest,*Beam*,*Batch*,*KvCache*,F16QuadsTest,F16OctetsTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|BUILD|ERROR|parity|mismatch" | tail -25
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
