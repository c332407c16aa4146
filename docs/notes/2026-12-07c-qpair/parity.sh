#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/qpair
echo "parity start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
mvn -B -ntp -o -pl core -am verify -Pqwen-large -Dtest='QwenLargeParityTest,QwenMiniParityTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|ERROR|BUILD|Skipped|skipped" | tail -20
echo "parity end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
