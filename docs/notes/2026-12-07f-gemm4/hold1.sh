#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "hold1 start $(date -u +%T) $(uptime)"
cd /work/gemm4
mvn -B -ntp -o -pl kernels-cpu test -Dtest=GemmOrderTest -Dsurefire.failIfNoSpecifiedTests=false > /work/build/gemm4/t-order.log 2>&1
grep -E "Tests run:|FAIL|BUILD" /work/build/gemm4/t-order.log | tail -5
echo "order done $(date -u +%T) $(uptime)"
cd /work/build/gemm4
# pack alone in the map (new pack inside the instrumented copy), 1 thread; A = commit-1 classes, B = worktree
mkdir -p c1root/kernels-cpu/target && rm -rf c1root/kernels-cpu/target/classes && cp -r c1-classes c1root/kernels-cpu/target/classes
ln -sfn /work/gemm4/kernels c1root/kernels; ln -sfn /work/gemm4/loader c1root/loader
for R in c1root /work/gemm4 c1root /work/gemm4; do echo "arm $R"; ./run.sh $R probe/cls map 1 2 158x1024x3072 158x3072x1024 | grep "map" | tail -2; done
echo "map done $(date -u +%T) $(uptime)"
KA=/work/build/gemm4/c1-classes ./prefab.sh 4 3 > prefab2.txt 2>&1; python3 prefstat.py prefab2.txt
echo "prefab done $(date -u +%T) $(uptime)"
