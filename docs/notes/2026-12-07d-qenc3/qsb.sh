#!/bin/bash
# usage: qsb.sh ROOT [steps] [profile]  -- QwenSpeedBenchmark on sonnet001 from classes under ROOT
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
D=$(cat /work/build/qattn/deps.txt)
R=$1
CP="$R/core/target/test-classes:$R/core/target/classes:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes:$R/tokenizer/target/classes:$R/testkit/target/classes:$D"
$J --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g $JOPTS -cp $CP io.github.asr4j.qwen.QwenSpeedBenchmark /work/build/qwen3-asr-0.6b-shape /work/shared/testdata/audio/long/sonnet001.wav 2 ${2:-4} $3 2>&1 | grep -v WARN
