#!/bin/bash
cd /work/i8step
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g"
F=kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/Int8Weights.java
echo "s6 start $(date -u +%T) $(cat /proc/loadavg)"
# deliberate error: pair C's second row takes the wrong block scale (v + 1 -> v)
sed -i 's/scales.getAtIndex(F32_LE, v + 1)), f0);/scales.getAtIndex(F32_LE, v)), f0);/' $F
git diff --stat $F
mvn -B -ntp -o -q -pl kernels-cpu test -Dtest='DecoderStepKernelsTest#weightRowsStreamedTogetherEqualTheirDotsAlone' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "elements differing|Tests run:" | head -3
git checkout $F; git diff --stat
echo "dsf $(date -u +%T) $(cat /proc/loadavg)"
for jar in base new3 new3 base base new3; do
  o=/work/build/i8step/dsf6-$jar-$(date +%s).txt
  $J -cp /work/build/i8step/$jar.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card INT8 Q8 2 6 > $o 2>&1
  echo "$jar $(grep -E 'greedy step  |beams, one step|files, one step|JIT compile' $o | tr -s ' ' | tr '\n' '|')"
done
echo "s6 end $(date -u +%T) $(cat /proc/loadavg)"
