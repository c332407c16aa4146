#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/q5
echo "== batch8 build $(date -u +%T)"
mvn -B -ntp -q -o -pl bench -am package -DskipTests 2>&1 | tail -5 && cp bench/target/asr4j-bench.jar /work/build/q5/D.jar
echo "== ab3 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
/work/build/q5/step.sh /work/build/q5/ab3 4 main=/work/build/q5/A.jar q5b=/work/build/q5/D.jar
echo "== ab3 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for arm in D A; do
  cp /work/build/q5/$arm.jar bench/target/asr4j-bench.jar
  echo "== cli $arm $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  ASR4J_AOT=0 ./asr4j bench --models card --dtypes f16 --threads 2 --rounds 1 --steps_together 2>&1 | grep -v WARN | grep "card\|threads"
  echo "== cli $arm end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
done
cp /work/build/q5/D.jar bench/target/asr4j-bench.jar
F=kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/F16Weights.java
echo "== err $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
sed -i 's/d4 = xv.fma(dw, d4);/d4 = xv.fma(cw, d4);/' $F
git diff --stat
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest=F16QuadsTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run|FAIL|outputs differing|BUILD" | head -8
git checkout -- $F; git status --short
echo "== verify $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -ntp -o -pl kernels-cpu -am verify 2>&1 | grep -E "Tests run:|FAIL|BUILD|ERROR" | grep -v "Tests run: [0-9]*, Failures: 0, Errors: 0, Skipped: [0-9]*, Time" | tail -12
echo "== core $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -ntp -o -pl core -am test -Dtest='WhisperParityTest,*Beam*,*Batch*,*KvCache*,F16QuadsTest,F16OctetsTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|BUILD|ERROR|card F16 weights" | tail -14
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
