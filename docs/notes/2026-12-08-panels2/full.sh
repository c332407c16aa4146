#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "lock got $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/panels2 && timeout 480 mvn -B -ntp -o -pl kernels-cpu -am test > /work/build/panels2/full-kc.log 2>&1
echo "kernels-cpu full rc=$? $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; grep -E 'Tests run:|FAIL' /work/build/panels2/full-kc.log | tail -4
