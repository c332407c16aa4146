#!/bin/bash
# jfk transcribe wall, A = /work/integ (main's decoder code), B = /work/build/lead/p2 (panels2 64eb84e), 3+3 alternated; then one JFR run each
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
O=/work/build/lead/ab2; mkdir -p $O
(cd /work/build/lead/p2 && mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests) || exit 1
(cd /work/integ && mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests) || exit 1
M=/root/.cache/asr4j/bench/card-f16; W=${AUDIO:-/work/shared/testdata/audio/jfk/jfk.wav}
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) audio $W"
for i in 1 2 3; do
  if [ $((i % 2)) = 1 ]; then order="/work/integ /work/build/lead/p2"; else order="/work/build/lead/p2 /work/integ"; fi
  for t in $order; do
    n=$(basename $t); cd $t; s=$(date +%s.%N); ./asr4j transcribe --model $M --threads 2 $W > $O/tr-$n-$i.out 2> $O/tr-$n-$i.err; e=$(date +%s.%N)
    echo "transcribe $n $i wall $(echo "$e - $s" | bc) md5 $(md5sum < $O/tr-$n-$i.out | cut -c1-8) load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
for t in /work/integ /work/build/lead/p2; do
  n=$(basename $t); cd $t
  ASR4J_JAVA_OPTS="-XX:StartFlightRecording=filename=$O/$n.jfr,settings=profile" ./asr4j transcribe --model $M --threads 2 $W > /dev/null 2> $O/jfr-$n.err
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
