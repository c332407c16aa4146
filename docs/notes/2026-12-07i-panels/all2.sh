#!/bin/bash
# second hold: parity command, then full kernels-cpu and core module tests
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
B=/work/build/panels

cd /work/panels
mvn -B -ntp -o -pl core -am verify -Pqwen-large -Dtest='QwenLargeParityTest,QwenMiniParityTest,WhisperParityTest,AttentionLayoutTest,F16RowFoldTest,KernelsCompileInC1Test,GemmOrderTest,F32KeyTilesTest,CacheKernelsTest,DecoderStepKernelsTest,Conv2dTest,ConvTest,F16InterleavedRowsTest,Int8AccuracyTest,ShrinkingTasksTest,NoHugePages*,F16Normals*,VectorGeluTest,ElementwiseTest,QuadKernelsUnboxedTest,*Beam*,*Batch*,HalfKvCacheTest,F16PanelsTest' -Dsurefire.failIfNoSpecifiedTests=false > $B/parity.log 2>&1
echo "parity rc=$? $(date -u +%T)"; grep -E 'Tests run:.*Fail|FAIL|Skipped: [1-9]' $B/parity.log | tail -15
mvn -B -ntp -o -pl kernels-cpu,core -am test > $B/modules.log 2>&1
echo "modules rc=$? $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; grep -E 'Tests run:|FAIL|BUILD' $B/modules.log | tail -8
