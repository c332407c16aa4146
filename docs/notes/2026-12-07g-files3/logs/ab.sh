#!/bin/bash
# ab.sh OUT N A.jar B.jar: N pairs of fresh JVMs, order flipped every pair
. /work/build/files3/env.sh
cd /work/build/files3
OUT=$1; N=$2; A=$3; B=$4; mkdir -p $OUT
stamp "ab $OUT start"
for i in $(seq 1 $N); do
  if [ $((i % 2)) = 1 ]; then order="A B"; else order="B A"; fi
  for arm in $order; do
    JAR=$A; [ $arm = B ] && JAR=$B
    $J -cp $JAR io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $OUT/$arm-$i.txt 2>&1
  done
done
stamp "ab $OUT end"
