#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "build start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/xq5 && mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests > /work/build/xq5/build-$1.log 2>&1; echo "rc $?"
cp bench/target/asr4j-bench.jar /work/build/xq5/$1.jar
echo "build end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
