#!/bin/bash
. /work/build/files3/env.sh
cd /work/build/files3
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
stamp "dump start"
P='io.github.asr4j.kernels.cpu.F16Weights$Simd'
JAR=${1:-base.jar}; TAG=${2:-base}
LD_LIBRARY_PATH=/work/build/ifold/hsdis $J -XX:+UnlockDiagnosticVMOptions -XX:PrintAssemblyOptions=intel "-XX:CompileCommand=print,$P::dots8PairOctetF16" \
  -cp probe-$TAG:tc-base:$JAR:$AJ io.github.asr4j.kernels.cpu.SixteenRowsProbe $M 1 16 q-file 3 200 > asm/octet-$TAG.txt 2>&1
stamp "dump end"
