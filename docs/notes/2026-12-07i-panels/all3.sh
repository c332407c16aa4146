#!/bin/bash
# one hold: rebuild (segment panels, totals in registers), alloc probe, targeted tests, A/B 4+4, RSS
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
B=/work/build/panels; J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g"
echo "lock got $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/panels
mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests > $B/build3.log 2>&1; echo "build rc=$? $(date -u +%T)"
cp bench/target/asr4j-bench.jar $B/panels.jar
$J -cp $B/probe:$B/tc:$B/panels.jar io.github.asr4j.kernels.cpu.PanelAllocProbe 2>&1 | grep rows
$J -cp $B/probe:$B/tc:$B/panels.jar io.github.asr4j.kernels.cpu.PanelAllocProbe 3072 2>&1 | grep rows
echo "alloc probe $(date -u +%T)"
$B/ab.sh 4 s2
[ -f examples/target/asr4j.jar ] && bash $B/rss.sh /work/panels
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='F16PanelsTest,F16Normals*,F16RowFoldTest,F16InterleavedRowsTest,DecoderStepKernelsTest,FusedLinearsTest,LinearTest,QuadKernelsUnboxedTest' -Dsurefire.failIfNoSpecifiedTests=false > $B/tests3.log 2>&1
echo "tests rc=$? $(date -u +%T)"; grep -E 'Tests run:|FAIL' $B/tests3.log | tail -10
echo "all done $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
