#!/bin/bash
# kernels-cpu's whole suite on the xq5 branch
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "hold5 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/xq5 && git rev-parse --short HEAD
timeout 560 mvn -B -ntp -o -pl kernels-cpu -am test > /work/build/xq5/suite.log 2>&1; echo "suite rc $?"
grep -E "Tests run:|FAIL|BUILD" /work/build/xq5/suite.log | tail -4
echo "hold5 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
