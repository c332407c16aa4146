#!/bin/bash
# deliberate error in both pair kernels (row B takes row A's scale in one block) -> Int8PairsTest must fail; restore; kernels-cpu verify
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/i8q
F=kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/Int8Weights.java
echo "== error $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
sed -i 's/eb4 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb4);/eb4 = xh.fma(wb1, xl.mul(wb0)).fma(ca, eb4);/; s/oa3 = xh.fma(wa1, xl.mul(wa0)).fma(ca, oa3);/oa3 = xh.fma(wa1, xl.mul(wa0)).fma(cb, oa3);/' $F
git diff --stat
mvn -B -ntp -o -pl kernels-cpu -am verify -Dtest='Int8PairsTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|differing|BUILD" | head -12
git checkout $F; git status --short kernels-cpu
echo "== verify $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -ntp -o -pl kernels-cpu -am verify 2>&1 | grep -E "Tests run:.*Fail|FAIL|BUILD|ERROR" | grep -v "Tests run: [0-9]*, Failures: 0, Errors: 0, Skipped: [0-9]*, Time" | head -20
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
