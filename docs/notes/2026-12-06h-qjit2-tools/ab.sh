#!/bin/bash
# ab.sh TAG ROUNDS AUDIO : alternated fresh-JVM rounds of `bench qwen`, arm A = main (/work/qjit2-base), B = /work/qjit2
tag=$1; rounds=$2; audio=$3; out=/work/build/qjit2h/out; mkdir -p $out
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
for r in $(seq 1 $rounds); do
  if [ $((r % 2)) = 1 ]; then order="A B"; else order="B A"; fi
  for arm in $order; do
    d=/work/qjit2-base; [ $arm = B ] && d=/work/qjit2
    (cd $d && ASR4J_AOT=0 ./asr4j bench qwen --model /work/build/qwen3-asr-0.6b-shape --audio $audio --threads 2 --rounds 1 --json) > $out/$tag-r$r-$arm.json 2>$out/$tag-r$r-$arm.err
    echo "r$r $arm rc=$? $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
  done
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
