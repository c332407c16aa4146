#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/qenc3
echo "start $(date -u +%T) $(uptime)"
mvn -B -ntp -o -pl core -am test -Dtest='QwenMiniParityTest,WhisperParityTest' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/qenc3/par-mini.log 2>&1; echo "mini+whisper rc=$? $(date -u +%T)"
mvn -B -ntp -o -pl core -am verify -Pqwen-large -Dtest='QwenLargeParityTest' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/qenc3/par-large.log 2>&1; echo "large rc=$? $(date -u +%T)"
mvn -B -ntp -o -pl kernels-cpu -am test > /work/build/qenc3/suite.log 2>&1; echo "suite rc=$? $(date -u +%T)"
echo "end $(date -u +%T) $(uptime)"
