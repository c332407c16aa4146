#!/bin/bash
# build 50ba08a -> sub.jar; its tests; a deliberate error in the new branch; then ab3: fold.jar vs sub.jar, 4 + 4
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
echo "hold7 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/beams8 && git rev-parse --short HEAD
mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests > /work/build/beams8/build7.log 2>&1; echo "build rc $?"
cp bench/target/asr4j-bench.jar /work/build/beams8/sub.jar
echo "built $(date -u +%T)"
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='F16InterleavedRowsTest,KernelsCompileInC1Test' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/beams8/test7.log 2>&1; echo "tests rc $?"
echo "tests end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/build/beams8/err && git checkout -q -f 50ba08a && sed -i '0,/dotsPair(x, xOff, xStride, PAIR_ROWS, rowC, rowD, sums);/s//dotsPair(x, xOff, xStride, PAIR_ROWS, rowD, rowC, sums);/' kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/F16Weights.java && git diff --stat
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest=F16InterleavedRowsTest -Dsurefire.failIfNoSpecifiedTests=false > /work/build/beams8/err7.log 2>&1; echo "deliberate error rc $?"
echo "err end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/build/beams8 && ./ab.sh ab3 4 fold.jar sub.jar
echo "hold7 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
