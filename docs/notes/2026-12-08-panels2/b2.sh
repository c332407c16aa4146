#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
B=/work/build/panels2
echo "lock got $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/panels2 && git log --oneline -1
mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests > $B/build2.log 2>&1; echo "build rc=$? $(date -u +%T)"
cp bench/target/asr4j-bench.jar $B/panels.jar
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='F16PanelsTest,F16Normals*,F16RowFoldTest,F16InterleavedRowsTest,DecoderStepKernelsTest,FusedLinearsTest,LinearTest,QuadKernelsUnboxedTest,GemmOrderTest' -Dsurefire.failIfNoSpecifiedTests=false > $B/tests2.log 2>&1
echo "tests rc=$? $(date -u +%T)"; grep -E 'Tests run:|FAIL' $B/tests2.log | tail -12
$B/ab.sh 4 s1
python3 $B/summ.py $B/ab/s1
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
