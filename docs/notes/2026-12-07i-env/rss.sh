#!/bin/bash
# rss.sh TREE: peak RSS of three gb0 transcriptions (card F16, 2 threads) in /work/TREE, as the user runs them:
# AOT on (ASR4J_AOT unset; the first run trains the jar's AOT cache). Run it under the bench lock:
#   flock /work/notes/bench.lock bash /work/build/h/rss.sh main
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
unset ASR4J_AOT
T=${1:?usage: rss.sh TREE}; O=/work/build/h/out-$T; mkdir -p $O
M=/root/.cache/asr4j/bench/card-f16
[ -f $M/model.safetensors ] || { echo "no $M: run ./asr4j bench --models card --dtypes f16 first" >&2; exit 1; }
cd /work/$T || exit 1
echo "tree $T $(git rev-parse --short HEAD) start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2 3; do
  /usr/bin/time -v -o $O/run$i.time ./asr4j transcribe --model $M --threads 2 /work/shared/testdata/audio/long/gb0.wav > $O/run$i.out 2> $O/run$i.err
  rc=$?
  echo "run $i rc=$rc $(grep 'Maximum resident set size' $O/run$i.time | sed 's/^\s*//') wall $(grep 'Elapsed (wall' $O/run$i.time | awk '{print $NF}') out-md5 $(md5sum < $O/run$i.out | cut -c1-8) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
done
