#!/bin/bash
# batch.sh TAG JAR N [extra JVM flags...]: N fresh JVMs of DecoderStepFigures (card F16, 2 threads), each with its
# C2 compile log (-XX:+LogCompilation) and -XX:+PrintIntrinsics in its stdout, logs in /work/build/box/TAG/.
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
tag=$1; jar=$2; n=$3; shift 3
d=/work/build/box/$tag; mkdir -p $d; cd $d
echo "start $(date +%T) $(uptime)"
for i in $(seq 1 $n); do
  java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g \
    -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=$d/jvm$i.xml -XX:+PrintIntrinsics "$@" \
    -cp $jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > jvm$i.txt 2>&1
  echo "jvm$i $(date +%T) $(grep -o '5 beams \[[^]]*\]' jvm$i.txt | tail -1)"
done
echo "end $(date +%T) $(uptime)"
