#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "hold8 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/beams8 && git rev-parse --short HEAD
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='F16InterleavedRowsTest' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/beams8/test8.log 2>&1; echo "tests rc $?"
echo "tests end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/build/beams8/err && git checkout -q -f 3631977 && sed -i '0,/dotsPair(x, xOff, xStride, PAIR_ROWS, rowC, rowD, sums);/s//dotsPair(x, xOff, xStride, PAIR_ROWS, rowD, rowC, sums);/' kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/F16Weights.java && git diff | grep "^[-+] " 
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest=F16InterleavedRowsTest -Dsurefire.failIfNoSpecifiedTests=false > /work/build/beams8/err8.log 2>&1; echo "deliberate error rc $?"
echo "hold8 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
