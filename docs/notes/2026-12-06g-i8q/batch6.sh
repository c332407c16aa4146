#!/bin/bash
# the 5-row kernel's error alone (row B's fifth input takes row A's scale in the even block); core's beam/batch/int8 tests; final jar
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/i8q
F=kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/Int8Weights.java
echo "== error5 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
sed -i 's/eb4 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb4);/eb4 = xh.fma(wb1, xl.mul(wb0)).fma(ca, eb4);/' $F
git diff --stat
mvn -B -ntp -o -pl kernels-cpu -am verify -Dtest='Int8PairsTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|differing|BUILD" | head -6
git checkout $F; git status --short kernels-cpu
echo "== core $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -ntp -o -pl core -am verify -Dtest='*Beam*,*Batch*,*Int8*' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|BUILD|ERROR" | head -30
echo "== jar $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
/work/i8q/docs/notes/2026-12-06g-i8q/build.sh /work/i8q /work/build/i8q/B5.jar
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
