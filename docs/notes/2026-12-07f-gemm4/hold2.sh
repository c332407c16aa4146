#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "hold2 start $(date -u +%T) $(uptime) $(cd /work/gemm4 && git log --oneline -1 && git status --short)"
cd /work/gemm4
mvn -B -ntp -o -pl core -am verify -Pqwen-large -Dtest='QwenLargeParityTest,QwenMiniParityTest,WhisperParityTest,GemmOrderTest' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/gemm4/t-parity.log 2>&1
grep -E "Tests run:|FAIL|BUILD" /work/build/gemm4/t-parity.log | tail -12
echo "parity done $(date -u +%T) $(uptime)"
mvn -B -ntp -o -pl kernels-cpu test > /work/build/gemm4/t-suite.log 2>&1
grep -E "Tests run:|FAIL|BUILD" /work/build/gemm4/t-suite.log | grep -v " in io" | tail -8
echo "hold2 end $(date -u +%T) $(uptime)"
