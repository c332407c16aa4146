#!/bin/bash
# series 7: (1) logits hashes of the commit (89ba394, commit-src classes); (2) the pipelined one-query attention experiment,
# probe 800 keys, property off (A) / on (B), same classes; (3) jfk QwenSpeedBenchmark A/B rerun, B = commit-src classes
cd /work/build/qval
echo "start $(date -u +%T) $(uptime)"
QB=/work/build/qval/commit-src ./hash.sh new /work/shared/testdata/audio/jfk/jfk.wav 30
QB=/work/build/qval/commit-src ./hash.sh new /work/shared/testdata/audio/long/sonnet001.wav 20
echo "pipeline $(date -u +%T) $(uptime)"
for i in 1 2 3 4 5 6; do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  P=false; [ $v = B ] && P=true
  echo "== $v $i $(date -u +%T)"; JOPTS=-Dasr4j.qval.pipeline=$P ./p.sh new attn 800 2 10 5 32 | grep RESULT
done; done
echo "jfk $(date -u +%T) $(uptime)"
QB=/work/build/qval/commit-src ./qab.sh /work/shared/testdata/audio/jfk/jfk.wav 80 8
echo "end $(date -u +%T) $(uptime)"
