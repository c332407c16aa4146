#!/bin/bash
set -e
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "build start $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"
for d in mainwt:base q1wt:q1d; do cd /work/build/beams7/${d%%:*}; mvn -B -ntp -q -o -pl bench -am package -DskipTests 2>&1 | tail -5; cp bench/target/asr4j-bench.jar /work/build/beams7/${d##*:}.jar; done
cd /work/beams7 && mvn -B -ntp -q -o -pl bench -am package -DskipTests 2>&1 | tail -5; cp bench/target/asr4j-bench.jar /work/build/beams7/q2.jar
echo "build end $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"
