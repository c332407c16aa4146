#!/bin/bash
# ab.sh TAG PAIRS: PAIRS x (main's bench jar, box's bench jar) fresh JVMs of DecoderStepFigures card F16 F16 2 3,
# alternated (order flipped every other pair), no diagnostic flags; outputs in /work/build/box/TAG/.
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
tag=$1; pairs=$2
d=/work/build/box/$tag; mkdir -p $d; cd $d
echo "start $(date +%T) $(uptime)"
for i in $(seq 1 $pairs); do
  if [ $((i % 2)) = 1 ]; then order="main box"; else order="box main"; fi
  for arm in $order; do
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g \
      -cp /work/build/box/$arm-bench.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $arm$i.txt 2>&1
    echo "$arm$i $(date +%T) $(grep -o 'greedy step *[0-9.]* ms' $arm$i.txt) | $(grep -o '5 beams, one step *[0-9.]* ms' $arm$i.txt) | $(grep -o '5 beams \[[^]]*\]' $arm$i.txt | tail -1)"
  done
done
echo "end $(date +%T) $(uptime)"
