#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
echo "hold2 got lock $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -cp /work/build/tiles/probe2:/work/build/tiles/tiles.jar io.github.asr4j.kernels.cpu.TileLoopProbe 21 300 2>&1 | grep -v WARN
/work/build/tiles/dump2.sh; python3 /work/build/tiles/loops.py /work/build/tiles/asm2.txt | grep -v OSR -A3 | head -30
cd /work/tiles && echo "tests on $(git rev-parse --short HEAD) $(date -u +%T)"
mvn -B -ntp -o -pl kernels-cpu,core -am test > /work/build/tiles/tests.log 2>&1; echo "tests rc $? $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "Tests run:.*Fail" /work/build/tiles/tests.log | grep -v "in io" | tail -5
mvn -B -ntp -o -pl core -am verify -Pqwen-large -Dtest='QwenLargeParityTest,QwenMiniParityTest,WhisperParityTest,AttentionLayoutTest,F16RowFoldTest,KernelsCompileInC1Test,GemmOrderTest,F32KeyTilesTest,CacheKernelsTest,DecoderStepKernelsTest,Conv2dTest,ConvTest,F16InterleavedRowsTest,Int8AccuracyTest,ShrinkingTasksTest,NoHugePages*,F16Normals*,VectorGeluTest,ElementwiseTest,QuadKernelsUnboxedTest,*Beam*,*Batch*,HalfKvCacheTest' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/tiles/parity.log 2>&1; echo "parity rc $? $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "Tests run:.*Fail" /work/build/tiles/parity.log | grep -v "in io" | tail -5
echo "hold2 release $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
