#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
pairs=$1; d=/work/build/h/ab; cd $d
echo "start $(date +%T) $(uptime)"
for i in $(seq 1 $pairs); do
  if [ $((i % 2)) = 1 ]; then order="main integ"; else order="integ main"; fi
  for arm in $order; do
    jar=/work/build/box/main-bench.jar; [ $arm = integ ] && jar=/work/build/h/integ-bench.jar
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g \
      -cp $jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $arm$i.txt 2>&1
    echo "$arm$i $(date +%T)"
  done
done
echo "end $(date +%T) $(uptime)"
