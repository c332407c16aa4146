#!/bin/bash
# usage: iab.sh WAV STEPS PAIRS: QvalAppendTime (instrumented appends + attention in real steps), A = base-src, B = worktree
. /work/build/qval/cpi.sh
echo "start $(date -u +%T) $(uptime)"
for i in $(seq 1 $3); do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  W=new; [ $v = A ] && W=base
  echo "== $v $i $(date -u +%T)"
  $J -cp $(cpi $W) io.github.asr4j.qwen.QvalAppendTime $M $1 $2 2>&1 | grep -v WARN | grep -E "prefill|steps"
done; done
echo "end $(date -u +%T) $(uptime)"
