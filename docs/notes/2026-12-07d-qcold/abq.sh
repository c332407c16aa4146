#!/bin/bash
# abq.sh TAG ROUNDS ARM... : fresh `bench qwen` (jfk, 2 threads, 1 round: one JVM = a fresh run + a warm run, asr4j only)
# per arm tree /work/build/qcold/arms/ARM, arms rotated per round; JSON per run in /work/build/qcold/out/TAG-rR-ARM.json.
tag=$1; rounds=$2; shift 2; arms=("$@"); out=/work/build/qcold/out; mkdir -p $out
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
n=${#arms[@]}
for r in $(seq 1 $rounds); do
  for k in $(seq 0 $((n-1))); do
    a=${arms[$(( (k + r) % n ))]}
    (cd /work/build/qcold/arms/$a && ./asr4j bench qwen --model /work/build/qwen3-asr-0.6b-shape \
        --audio ${AUDIO:-/work/shared/testdata/audio/jfk/jfk.wav} --threads 2 --rounds 1 --json) > $out/$tag-r$r-$a.json 2> $out/$tag-r$r-$a.err
    echo "r$r $a rc=$? $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)" | tee -a $out/$tag.log
  done
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
