#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/qpair
echo "tests start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
mvn -B -ntp -o -pl kernels-cpu -am test 2>&1 | grep -E "Tests run:|FAIL|BUILD" > /work/build/qpair/suite5.full; grep -E "Tests run: [0-9]+, F.*[0-9]$|FAIL|BUILD" /work/build/qpair/suite5.full
echo "tests end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
mkdir -p /work/build/qpair/cls-new5 && javac -nowarn --add-modules jdk.incubator.vector -d /work/build/qpair/cls-new5 -cp /work/integ/kernels-cpu/target/classes:/work/integ/kernels/target/classes:/work/integ/loader/target/classes kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/BF16Weights.java 2>&1 | grep -v "warning\|incubat"
NEWCLS=/work/build/qpair/cls-new5 ROUNDS=2 /work/build/qpair/dt.sh
echo "parity start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
mvn -B -ntp -o -pl core -am verify -Pqwen-large -Dtest='QwenLargeParityTest,QwenMiniParityTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|BUILD" | tail -5
echo "parity end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
