#!/bin/bash
# series 8: the pipelined one-query attention experiment in the real step: QwenSpeedBenchmark sonnet001 40 steps,
# A = -Dasr4j.qval.pipeline=false, B = true, the worktree's classes (89ba394 + pipeline.patch), fresh JVMs rotated.
# Skipped if the lock comes after 10:22 UTC (deadline 10:35).
cd /work/build/qval; . cp.sh
[ $(date -u +%H%M) -gt 1022 ] && { echo "skipped: lock at $(date -u +%T)"; exit 0; }
echo "start $(date -u +%T) $(uptime)"
for i in 1 2 3 4 5 6; do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  P=false; [ $v = B ] && P=true
  echo "== $v $i $(date -u +%T)"
  $J -Dasr4j.qval.pipeline=$P -cp $(cpof new) io.github.asr4j.qwen.QwenSpeedBenchmark $M /work/shared/testdata/audio/long/sonnet001.wav 2 40 2>&1 | grep -v WARN | grep -E "step median"
done; done
echo "end $(date -u +%T) $(uptime)"
