#!/bin/bash
# hold 4: VectorGemm variant B (gelu3's gemm-one-strip-call.patch on main 3fafab8) build -> armV, GemmOrderTest;
# then the A/B (gelu3's command): fresh Qwen jfk run + Whisper card-f16 profile, armM (main) vs armV, alternated
T00=$(date +%s)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
L=/work/build/xq5/logs
W=/work/shared/testdata/audio/jfk/jfk.wav
echo "start $(date -u +%T) $(uptime)"
cd /work/build/xq5/gemmB
timeout 200 mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests 2>&1 | grep -v "^\s*$" | tail -5
arm=/work/build/xq5/armV
rm -rf $arm && mkdir -p $arm/examples/target $arm/bench/target
cp -r asr4j tools $arm/ && cp examples/target/asr4j.jar $arm/examples/target/ && cp bench/target/asr4j-bench.jar $arm/bench/target/
echo "built $(date -u +%T)"
timeout 200 mvn -B -ntp -o -pl kernels-cpu test -Dtest='GemmOrderTest' -Dsurefire.failIfNoSpecifiedTests=false > $L/gemmorder.log 2>&1
echo "GemmOrderTest rc=$? $(grep -E 'Tests run:' $L/gemmorder.log | tail -1) $(date -u +%T)"
for i in 1 2 3 4 5 6 7 8; do
  [ $(( $(date +%s) - T00 )) -gt 540 ] && { echo "stopped at round $i (time)"; break; }
  arms="armM armV"; [ $((i % 2)) = 0 ] && arms="armV armM"
  for arm in $arms; do
    cd /work/build/xq5/$arm
    timeout 60 ./asr4j bench qwen --model /work/build/qwen3-asr-0.6b-shape --audio $W --threads 2 --rounds 1 > $L/q-$arm-$i.txt 2>&1
    echo "$i qwen $arm $(grep -E '^jfk.wav +asr4j' $L/q-$arm-$i.txt | tr -s ' ' | tr '\n' '|')"
  done
  for arm in $arms; do
    cd /work/build/xq5/$arm
    timeout 60 ./asr4j profile --model ~/.cache/asr4j/bench/card-f16 $W --threads 2 --warmup 2 --max_tokens 1 --json $L/p-card-f16-$arm-$i.json > $L/p-card-f16-$arm-$i.txt 2>&1
    echo "$i whisper $arm $(grep -E '^\s+encoder ' $L/p-card-f16-$arm-$i.txt | head -1)"
  done
done
echo "end $(date -u +%T) $(uptime)"
