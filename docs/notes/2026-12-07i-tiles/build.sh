#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "build start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for t in "$@"; do
  name=${t%%:*}; dir=${t#*:}
  cd $dir && echo "$name $(git rev-parse --short HEAD)" && mvn -B -ntp -q -pl bench -am package -DskipTests > /work/build/tiles/build-$name.log 2>&1; echo "rc $?"
  cp bench/target/asr4j-bench.jar /work/build/tiles/$name.jar
done
echo "build end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
