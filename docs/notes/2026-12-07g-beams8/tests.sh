#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/beams8
echo "kernels-cpu start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $(git rev-parse --short HEAD)"
mvn -B -ntp -o -pl kernels-cpu -am test > /work/build/beams8/suite.log 2>&1; echo "rc $?"
echo "kernels-cpu end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -ntp -o -pl core -am test '-Dtest=WhisperParityTest,*Beam*,*Batch*,HalfKvCacheTest,KernelsCompileInC1Test' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/beams8/core.log 2>&1; echo "rc $?"
echo "core end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/build/beams8/err
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest=F16InterleavedRowsTest -Dsurefire.failIfNoSpecifiedTests=false > /work/build/beams8/err.log 2>&1; echo "deliberate error rc $?"
echo "err end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
