#!/bin/bash
# builds main (3fafab8, detached worktree) -> base.jar and the xq5 branch -> xq5.jar
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "build start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for t in base:/work/build/xq5/base xq5:/work/xq5; do
  name=${t%%:*}; dir=${t#*:}
  cd $dir && echo "$name $(git rev-parse --short HEAD)" && mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests > /work/build/xq5/build-$name.log 2>&1; echo "rc $?"
  cp bench/target/asr4j-bench.jar /work/build/xq5/$name.jar
done
echo "build end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
