#!/bin/bash
source /work/build/wfiles/env.sh
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
$J -jar /work/build/wfiles/A.jar bench ceilings --threads 2 2>&1 | grep -v WARN
$J -Xmx4g -cp /work/build/wfiles/A.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 2>&1 | grep -v WARN
$J -jar /work/build/wfiles/A.jar bench ceilings --threads 2 2>&1 | grep -v WARN
