#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "hold3 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/xq5 && git rev-parse --short HEAD
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='CacheKernelsTest,KeyTilesTest' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/xq5/test3.log 2>&1; echo "tests rc $?"
/work/build/xq5/build2.sh xq5c
cd /work/build/xq5 && ./ab.sh ab1 8 base.jar xq5c.jar
echo "hold3 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
