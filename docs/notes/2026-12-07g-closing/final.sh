#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
# usage: final.sh TAG TREE
O=/work/build/s12/out-$1; mkdir -p $O; cd /work/$2
echo "start $(date +%T) $(uptime)" > $O/a.log
./asr4j bench ceilings --threads 2 >> $O/a.log 2>&1
./asr4j bench --models card --dtypes f32,f16,int8 --threads 2 --whisper_cpp_build /work/build/whisper.cpp/build-avx512,/work/build/whisper.cpp/build --rounds 2 --audio ../shared/testdata/audio/long/gb0.wav --json > $O/a.json 2>> $O/a.log
./asr4j bench --models card --dtypes f16 --threads 2 --whisper_cpp_build /work/build/whisper.cpp/build-avx512,/work/build/whisper.cpp/build --rounds 2 --no-steps_together --audio ../shared/testdata/audio/long/gb0.wav > $O/a-text.txt 2>> $O/a.log
echo "mid $(date +%T) $(uptime)" >> $O/a.log
OPENBLAS_CORETYPE=SkylakeX ./asr4j bench qwen --model /work/build/qwen3-asr-0.6b-shape --audio ../shared/testdata/audio/jfk/jfk.wav,../shared/testdata/audio/long/sonnet001.wav --qwen_c_bin /work/build/qwen-asr/qwen_asr --threads 2 --rounds 2 > $O/q.log 2>&1
echo "end $(date +%T) $(uptime)" >> $O/a.log
