#!/bin/bash
# fresh.sh PAIRS: ASR4J_AOT=0 ./asr4j bench qwen sonnet001, --rounds 1, arms A (main) / B (qenc3) rotated
echo "start $(date -u +%T) $(uptime)"
for i in $(seq 1 $1); do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  cd /work/build/qenc3/arm$v
  echo "== $v $i $(date -u +%T)"
  ASR4J_AOT=0 ./asr4j bench qwen --model /work/build/qwen3-asr-0.6b-shape --audio /work/shared/testdata/audio/long/sonnet001.wav --threads 2 --rounds 1 2>&1 | grep -v WARN
done; done
echo "end $(date -u +%T) $(uptime)"
