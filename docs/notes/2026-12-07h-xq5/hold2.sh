#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
/work/build/xq5/build2.sh xq5b
cd /work/build/xq5
for i in 1 2; do
  for jar in xq5.jar xq5b.jar; do echo "$jar"; java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -cp probe:$jar io.github.asr4j.kernels.cpu.ChunkHalvesProbe 15 400 2>&1 | grep -v WARN; done
done
LD_LIBRARY_PATH=/work/build/ifold/hsdis java -XX:+UnlockDiagnosticVMOptions -XX:PrintAssemblyOptions=intel '-XX:CompileCommand=print,io.github.asr4j.kernels.cpu.VectorOps::tileScoresHalves5' --add-modules=jdk.incubator.vector -cp probe:xq5b.jar io.github.asr4j.kernels.cpu.ChunkHalvesProbe 5 200 > asm2.txt 2>&1
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
