#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /tmp/q5
echo "== batch1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -cp /tmp/q5/out:/tmp/q5/new1:/tmp/q5/kernels:/tmp/q5/loader io.github.asr4j.kernels.cpu.Check5 2>&1 | grep -v WARN
for arm in base new1 base new1; do
  echo "-- $arm $(date -u +%T)"
  ./probe.sh /tmp/q5/$arm 1 5 hot 768x768,768x2304,768x3072
  ./probe.sh /tmp/q5/$arm 2 5 cold 768x768,768x2304,768x3072,768x51865
done
echo "== probes end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/q5 && mvn -B -ntp -q -o -pl bench -am package -DskipTests 2>&1 | tail -5 && cp bench/target/asr4j-bench.jar /work/build/q5/B.jar
echo "== build end $(date -u +%T)"
