#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
B=/work/build/panels2
echo "lock got $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/panels2
mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests > $B/build1.log 2>&1; echo "build rc=$? $(date -u +%T)"
mvn -B -ntp -q -o -pl kernels-cpu test-compile > $B/tc1.log 2>&1; echo "tc rc=$? $(date -u +%T)"
cp bench/target/asr4j-bench.jar $B/panels.jar
javac --add-modules jdk.incubator.vector -cp kernels-cpu/target/test-classes:$B/panels.jar -d $B/probe $B/probe-src/FiveRowProbe.java 2>&1 | grep -v warning | head
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g"
$J -cp $B/probe:kernels-cpu/target/test-classes:$B/panels.jar io.github.asr4j.kernels.cpu.FiveRowProbe 2 2>&1 | grep -v WARN
echo "probe done $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
