#!/bin/bash
cd /work/i8step
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g"
echo "s5 start $(date -u +%T) $(cat /proc/loadavg)"
mvn -B -ntp -o -pl kernels-cpu -am test > /work/build/i8step/suite.log 2>&1; echo "suite rc=$? $(date -u +%T)"
grep -E "Tests run:.*Fail|BUILD|Reactor Summary" -A0 /work/build/i8step/suite.log | tail -8
mvn -B -ntp -o -pl core -am test -Dtest='Int8AccuracyTest,BeamSearchDecoderTest,BatchStepTest,BeamsStepTogetherTest,BatchTranscriptionTest' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/i8step/core.log 2>&1; echo "core rc=$? $(date -u +%T)"
grep -E "Tests run:|BUILD" /work/build/i8step/core.log | tail -8
echo "dsf $(date -u +%T) $(cat /proc/loadavg)"
for jar in base new3 new3 base; do
  $J -cp /work/build/i8step/$jar.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card INT8 Q8 2 3 > /work/build/i8step/dsf-$jar-$RANDOM.txt 2>&1
done
grep -H -E "greedy step|beams, one step|files, one step" /work/build/i8step/dsf-*-*.txt
for jar in base new3; do echo "1thr $jar $($J -cp /work/build/i8step/$jar.jar:/work/build/i8step/probe I8Step 1 1 1 8 2>&1 | grep greedy)"; done
echo "s5 end $(date -u +%T) $(cat /proc/loadavg)"
