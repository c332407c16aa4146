#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "mut got lock $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/build/tiles/fin && mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='KeyTilesTest' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/tiles/mut.log 2>&1; echo "rc $?"
grep -E "FAIL|Tests run:" /work/build/tiles/mut.log | head -8
echo "mut release $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
