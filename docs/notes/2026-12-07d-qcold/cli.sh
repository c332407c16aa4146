#!/bin/bash
# cli.sh TAG ROUNDS ARM... : the user's command, `/usr/bin/time ./asr4j transcribe --model QWEN jfk.wav` with the AOT cache on
# (each arm tree's cache trained by one transcribe first if it has none), arms rotated per round.
tag=$1; rounds=$2; shift 2; arms=("$@"); out=/work/build/qcold/out; mkdir -p $out
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
unset ASR4J_AOT
wav=/work/shared/testdata/audio/jfk/jfk.wav
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
for a in "${arms[@]}"; do
  d=/work/build/qcold/arms/$a
  if [ ! -f $d/examples/target/asr4j.aot ]; then
    (cd $d && /usr/bin/time -f "train $a %e s %U user" ./asr4j transcribe --model /work/build/qwen3-asr-0.6b-shape $wav) 2>&1 | tail -1 | tee -a $out/$tag.log
  fi
done
n=${#arms[@]}
for r in $(seq 1 $rounds); do
  for k in $(seq 0 $((n-1))); do
    a=${arms[$(( (k + r) % n ))]}
    (cd /work/build/qcold/arms/$a && /usr/bin/time -f "r$r $a %e s %U user %M kB" ./asr4j transcribe --model /work/build/qwen3-asr-0.6b-shape $wav) > $out/$tag-r$r-$a.txt 2>&1
    echo "$(tail -1 $out/$tag-r$r-$a.txt) $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)" | tee -a $out/$tag.log
  done
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
