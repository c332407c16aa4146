#!/bin/bash
# one hold: rebuild panels, targeted tests, A/B 4+4, error probe, RSS (panels tree)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
B=/work/build/panels
echo "lock got $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/panels
mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests > $B/build1.log 2>&1 || mvn -B -ntp -q -o -pl bench -am package -DskipTests >> $B/build1.log 2>&1
cp bench/target/asr4j-bench.jar $B/panels.jar
echo "built $(date -u +%T)"
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='F16PanelsTest,F16Normals*,F16RowFoldTest,F16InterleavedRowsTest,DecoderStepKernelsTest,FusedLinearsTest,LinearTest' -Dsurefire.failIfNoSpecifiedTests=false > $B/tests1.log 2>&1
echo "tests rc=$? $(date -u +%T)"; grep -E 'Tests run:|FAIL' $B/tests1.log | tail -12
cp -r kernels-cpu/target/test-classes/. $B/tc/
$B/ab.sh 4 s1
ASR4J_AOT=0 java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp $B/probe:$B/tc:$B/panels.jar io.github.asr4j.kernels.cpu.PanelErrorProbe /root/.cache/asr4j/bench/card-f16/model.safetensors > $B/error.txt 2>&1
echo "probe done $(date -u +%T)"
[ -f examples/target/asr4j.jar ] && bash $B/rss.sh /work/panels
bash /work/build/panels/all2.sh
echo "all done $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
