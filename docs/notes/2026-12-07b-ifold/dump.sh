#!/bin/bash
# C2's code of dot4F16 (and dotRowsScaled, which inlines it) through the objdump hsdis shim; $1 = jar name (base/new)
source /work/build/ifold/env.sh
LD_LIBRARY_PATH=/work/build/ifold/hsdis java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g \
  -XX:+UnlockDiagnosticVMOptions -XX:PrintAssemblyOptions=intel \
  '-XX:CompileCommand=print,io.github.asr4j.kernels.cpu.F16Weights$Simd::dot4F16' \
  '-XX:CompileCommand=print,io.github.asr4j.kernels.cpu.F16Weights$Simd::dotRowsScaled' \
  -cp /work/build/ifold/$1.jar:/work/build/ifold/probe FoldProbe 1 3072x768x5 3072x768x5 > /work/build/ifold/asm-$1.txt 2>&1
grep -c "" /work/build/ifold/asm-$1.txt
