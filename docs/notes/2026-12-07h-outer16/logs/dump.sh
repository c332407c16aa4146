#!/bin/bash
# C2's code of the outer kernels (hsdis), fc1 only, 1 thread
. /work/build/outer16/env.sh
cd /work/build/outer16
M=$HOME/.cache/asr4j/bench/card-f16/model.safetensors
stamp "dump start"
P='io.github.asr4j.kernels.cpu.OuterProbe'
LD_LIBRARY_PATH=/work/build/ifold/hsdis $J -XX:+UnlockDiagnosticVMOptions -XX:PrintAssemblyOptions=intel \
  "-XX:CompileCommand=print,$P::outer16" "-XX:CompileCommand=print,$P::outer1" "-XX:CompileCommand=print,$P::outer5" \
  -cp probe2:tc:base.jar $P $M /work/build/outer16 1 fc1 3 > asm/outer-c2.txt 2>&1
stamp "dump end"
