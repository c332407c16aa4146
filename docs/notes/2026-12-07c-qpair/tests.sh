#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/qpair
echo "suite start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
mvn -B -ntp -o -pl kernels-cpu -am test 2>&1 | grep -E "Tests run:|FAIL|ERROR|BUILD" | tail -15
echo "suite end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
