#!/bin/bash
echo "start $(date -u +%T) $(uptime)"
for i in 1 2 3 4; do case $((i % 3)) in 1) O="A B C";; 2) O="B C A";; 0) O="C A B";; esac; for v in $O; do cd /work/build/qenc3/arm$v; echo "== whisper $v $i $(date -u +%T)"; ASR4J_AOT=0 timeout 60 ./asr4j profile --model /root/.cache/asr4j/bench/card-f16 /work/shared/testdata/audio/jfk/jfk.wav --threads 2 --warmup 2 --max_tokens 4 2>&1 | grep -iE "^ *encoder|encoder pass|encoder " | head -3; done; done
echo "end $(date -u +%T) $(uptime)"
