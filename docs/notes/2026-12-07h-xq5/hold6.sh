#!/bin/bash
# core's parity, beam, batch, half-cache tests and KernelsCompileInC1Test on the xq5 branch; then XattProbe base vs xq5c, 3 pairs
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "hold6 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/xq5 && git rev-parse --short HEAD
timeout 420 mvn -B -ntp -o -pl core -am test -Dtest='WhisperParityTest,*Beam*,*Batch*,HalfKvCacheTest,KernelsCompileInC1Test' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/xq5/core.log 2>&1; echo "core tests rc $?"
grep -E "Tests run:.*in |Tests run:|FAIL|BUILD" /work/build/xq5/core.log | tail -12
echo "tests end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/build/xq5 && ./xab.sh x2 3 5 base.jar xq5c.jar 2>/dev/null
cat x2/x.txt
echo "hold6 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
