#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "== batch3 build $(date -u +%T)"
cd /work/q5 && mvn -B -ntp -q -o -pl bench -am package -DskipTests 2>&1 | tail -5 && cp bench/target/asr4j-bench.jar /work/build/q5/C.jar
echo "== build end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
/work/build/q5/step.sh /work/build/q5/ab1 4 main=/work/build/q5/A.jar q5=/work/build/q5/C.jar
echo "== ab1 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
