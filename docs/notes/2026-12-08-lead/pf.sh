#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
(cd /work/build/lead/p2 && mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests) || exit 1
M=/root/.cache/asr4j/bench/card-f16; W=/work/shared/testdata/audio/jfk/jfk.wav; O=/work/build/lead/pf; mkdir -p $O
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 3 4; do for t in /work/main /work/build/lead/p2; do n=$(basename $t); cd $t
/usr/bin/time -v -o $O/$n-$i.time ./asr4j transcribe --model $M --threads 2 $W > /dev/null 2>&1
echo "$n $i $(grep -E 'Elapsed|User time|System time|Minor|Voluntary|Involuntary' $O/$n-$i.time | awk -F': ' '{printf "%s=%s; ", $1, $2}')"
done; done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
