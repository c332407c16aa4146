#!/bin/bash
# (a) blocked outer form (k blocks of 64) with its error, all arms, 1 thread (checks) and 2 threads; (b) page sizes of the mappings
. /work/build/outer16/env.sh
cd /work/build/outer16
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
P=io.github.asr4j.kernels.cpu.OuterProbe
stamp "$1 start"
$J -cp probe4:tc:base.jar $P $M /work/build/outer16 1 logits,fc1,fc2 9 check 2>&1 | grep -v "WARN\|^raw"
stamp "$1 all-arms 1 thread done"
$J -cp probe4:tc:base.jar $P $M /work/build/outer16 2 logits,fc1,fc2 9 2>&1 | grep -v "WARN\|^raw"
stamp "$1 all-arms 2 threads done"
$J -cp probe4:tc:base.jar -Darms=L16,O16n $P $M /work/build/outer16 1 logits 40 > smaps-run.txt 2>&1 &
pid=$!
sleep 6
jpid=$(pgrep -P $pid java || echo $pid)
for f in model.safetensors pack-logits-norm.bin; do
  echo "== $f"; awk -v f=$f '$0 ~ f {on=1; print; next} /^[0-9a-f]+-[0-9a-f]+ / {on=0} on && /^(Size|Rss|FilePmdMapped|AnonHugePages|KernelPageSize|MMUPageSize):/' /proc/$jpid/smaps
done
wait $pid
stamp "$1 end"
