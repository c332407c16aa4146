#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
B=/work/build/panels2
echo "lock got $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
cd /work/panels2
timeout 480 mvn -B -ntp -o -pl core -am verify -Pqwen-large -Dtest='QwenLargeParityTest,QwenMiniParityTest,WhisperParityTest,AttentionLayoutTest,F16RowFoldTest,KernelsCompileInC1Test,GemmOrderTest,F32KeyTilesTest,CacheKernelsTest,DecoderStepKernelsTest,Conv2dTest,ConvTest,F16InterleavedRowsTest,Int8AccuracyTest,ShrinkingTasksTest,NoHugePages*,F16Normals*,VectorGeluTest,ElementwiseTest,QuadKernelsUnboxedTest,*Beam*,*Batch*,HalfKvCacheTest,F16PanelsTest' -Dsurefire.failIfNoSpecifiedTests=false > $B/parity.log 2>&1
echo "parity rc=$? $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; grep -E 'Tests run:|FAIL' $B/parity.log | tail -40
