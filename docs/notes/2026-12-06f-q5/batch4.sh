#!/bin/bash
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH LD_LIBRARY_PATH=/tmp/genc/hsdis
cd /tmp/q5
echo "== batch4 asm $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 60 java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet '-XX:CompileCommand=print,io.github.asr4j.kernels.cpu.F16Weights$Simd::dots5PairF16' --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp /tmp/q5/out:/tmp/q5/base:/tmp/q5/kernels:/tmp/q5/loader io.github.asr4j.kernels.cpu.Probe16 1 5 hot 768x768 > asm_pair5.txt 2>&1
timeout 60 java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet '-XX:CompileCommand=print,io.github.asr4j.kernels.cpu.F16Weights$Simd::dots5QuadF16' --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp /tmp/q5/out:/tmp/q5/new2:/tmp/q5/kernels:/tmp/q5/loader io.github.asr4j.kernels.cpu.Probe16 1 5 hot 768x768 > asm_quad5.txt 2>&1
echo "== batch4 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
