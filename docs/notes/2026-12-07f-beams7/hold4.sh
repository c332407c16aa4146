#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
cd /work/build/beams7
echo "hold4 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
(cd mut && mvn -B -ntp -o -pl kernels-cpu -am test -Dtest=F16InterleavedRowsTest -Dsurefire.failIfNoSpecifiedTests=false > /work/build/beams7/mut.log 2>&1; echo "mutant (two sums swapped in foldQuadSums16's store) rc $?")
grep -E "Tests run:|FAIL" mut.log | head -6
echo "mutant end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
(cd mut && git checkout -q -- . && git checkout -q --detach bb41cbf && echo "suite on $(git rev-parse --short HEAD)" && mvn -B -ntp -o -pl kernels-cpu -am test > /work/build/beams7/suite-bb41cbf.log 2>&1; echo "rc $?")
grep -E "Tests run:|BUILD" suite-bb41cbf.log | tail -3
echo "hold4 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
