#!/bin/bash
# A = integ, B = lead-panels: build both, then transcribe gb0 wall (3+3) and DecoderStepFigures (4+4), alternated.
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
O=/work/build/lead/ab1; mkdir -p $O
for t in integ lead-panels; do (cd /work/$t && mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests) || exit 1; cp /work/$t/bench/target/asr4j-bench.jar $O/$t-bench.jar; done
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
M=/root/.cache/asr4j/bench/card-f16; W=/work/shared/testdata/audio/long/gb0.wav
for i in 1 2 3; do
  if [ $((i % 2)) = 1 ]; then order="integ lead-panels"; else order="lead-panels integ"; fi
  for t in $order; do
    cd /work/$t; s=$(date +%s.%N); ./asr4j transcribe --model $M --threads 2 $W > $O/tr-$t-$i.out 2> $O/tr-$t-$i.err; e=$(date +%s.%N)
    echo "transcribe $t $i wall $(echo "$e - $s" | bc) md5 $(md5sum < $O/tr-$t-$i.out | cut -c1-8) load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
for i in 1 2 3 4; do
  if [ $((i % 2)) = 1 ]; then order="integ lead-panels"; else order="lead-panels integ"; fi
  for t in $order; do
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp $O/$t-bench.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $O/dsf-$t-$i.out 2>&1
    echo "dsf $t $i $(grep -E '^  greedy step|5 beams, one step|16 files, one step' $O/dsf-$t-$i.out | awk '{print $(NF-1) $NF}' | head -3 | tr '\n' ' ') $(grep -o 'greedy [0-9.]* KB' $O/dsf-$t-$i.out | head -1) load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
