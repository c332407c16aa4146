#!/bin/bash
# (a) all arms (with unrolled and global-arena 16-row forms), 1 thread with checks, 2 threads;
# (b) logits, one arm a JVM, L16 / O16n alternated, 8 + 8 JVMs, 2 threads then 1 thread
. /work/build/outer16/env.sh
cd /work/build/outer16
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
P=io.github.asr4j.kernels.cpu.OuterProbe
stamp "$1 start"
(cd /work/outer16 && ./asr4j bench ceilings --threads 2 2>&1 | grep -v WARN | tail -4)
stamp "$1 ceilings done"
$J -cp probe3:tc:base.jar $P $M /work/build/outer16 1 logits,fc1,fc2 9 check 2>&1 | grep -v WARN
stamp "$1 all-arms 1 thread done"
$J -cp probe3:tc:base.jar $P $M /work/build/outer16 2 logits,fc1,fc2 9 2>&1 | grep -v WARN
stamp "$1 all-arms 2 threads done"
for th in 2 1; do
  for i in 1 2 3 4 5 6 7 8; do
    for arm in L16 O16n; do
      $J -cp probe3:tc:base.jar -Darms=$arm $P $M /work/build/outer16 $th logits 9 2>&1 | grep "rows 16"
    done
  done
  stamp "$1 isolated $th threads done"
done
stamp "$1 end"
