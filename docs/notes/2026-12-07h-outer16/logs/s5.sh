#!/bin/bash
# (a) blocked outer form, its adds written inline (s4's helper boxed), with L16/O16n/O16n-u2 alongside, 1 and 2 threads;
# (b) page sizes of the mappings
. /work/build/outer16/env.sh
cd /work/build/outer16
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
P=io.github.asr4j.kernels.cpu.OuterProbe
stamp "$1 start"
for th in 1 2; do
$J -cp probe5:tc:base.jar -Darms=L16,O16n,O16n-b64,O16n-u2 $P $M /work/build/outer16 $th logits,fc1,fc2 9 2>&1 | grep -v "WARN"
stamp "$1 $th done"
done
$J -cp probe5:tc:base.jar -Darms=L16,O16n $P $M /work/build/outer16 1 logits 300 > smaps-run.txt 2>&1 &
pid=$!
sleep 4
for f in model.safetensors pack-logits-norm.bin; do
  echo "== $f"; awk -v f=$f '$0 ~ f {on=1; print; next} /^[0-9a-f]+-[0-9a-f]+ / {on=0} on && /^(Size|Rss|FilePmdMapped|AnonHugePages|KernelPageSize|MMUPageSize):/' /proc/$pid/smaps
done
kill $pid
stamp "$1 end"
