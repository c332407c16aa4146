#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "build start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/enc && mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests || exit 1
R=/work/enc
javac --add-modules jdk.incubator.vector -d /work/build/enc/probe/cls -cp $R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes /work/build/enc/probe/*.java 2>&1 | grep -v warning
echo "build end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
