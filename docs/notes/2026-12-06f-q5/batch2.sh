#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
cd /tmp/q5
echo "== batch2 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf new2 && mkdir new2 && javac -nowarn --add-modules jdk.incubator.vector -d new2 -cp kernels:loader $(find src2 -name "*.java" | grep -v module-info) 2>&1 | grep -v "^Note\|warning"
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -cp /tmp/q5/out:/tmp/q5/new2:/tmp/q5/kernels:/tmp/q5/loader io.github.asr4j.kernels.cpu.Check5 2>&1 | grep -v WARN
for arm in new2 new1 new2 base; do
  echo "-- $arm $(date -u +%T)"
  ./probe.sh /tmp/q5/$arm 1 5 hot 768x768,768x2304,768x3072
  ./probe.sh /tmp/q5/$arm 2 5 cold 768x768,768x2304,768x3072,768x51865
done
echo "== probes end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
