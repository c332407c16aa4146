#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
R=${R:-/work/enc}; O=/work/build/enc/probe/cls
CP=$O:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes
javac --add-modules jdk.incubator.vector -d $O -cp $R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes /work/build/enc/probe/KernelProbe.java 2>&1 | grep -v warning
echo "kp start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP"
$J io.github.asr4j.kernels.cpu.KernelProbe 1 5 3 20000 2>&1 | grep -v WARN
$J io.github.asr4j.kernels.cpu.KernelProbe 2 5 3 20000 2>&1 | grep -v WARN
$J io.github.asr4j.kernels.cpu.FmaProbe 2>/dev/null | head -0
# C2 code of stripKernel
LD_LIBRARY_PATH=/work/build/tiles/hsdis $J -XX:+UnlockDiagnosticVMOptions -XX:PrintAssemblyOptions=intel \
  -XX:CompileCommand=print,io.github.asr4j.kernels.cpu.VectorGemm::stripKernel io.github.asr4j.kernels.cpu.KernelProbe 1 3 3 20000 > /work/build/enc/asm.txt 2>&1
echo "kp end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
