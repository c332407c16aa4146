#!/bin/bash
# usage: build.sh WORKTREE OUTJAR  (bench jar, -pl bench -am package; no install)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
set -e
cd $1
echo "build $1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -ntp -q -o -pl bench -am package -DskipTests
cp bench/target/asr4j-bench.jar $2
echo "built $2 $(date -u +%T)"
