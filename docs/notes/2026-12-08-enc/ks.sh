#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
R=${R:-/work/enc}; O=/work/build/enc/probe/cls
CP=$O:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes
javac --add-modules jdk.incubator.vector -d $O -cp $CP /work/build/enc/probe/KernelShapes.java 2>&1 | grep -v warning
echo "ks start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP"
$J io.github.asr4j.kernels.cpu.KernelShapes 5 40000 2>&1 | grep -v WARN
$J io.github.asr4j.kernels.cpu.KernelShapes 5 40000 2>&1 | grep -v WARN
echo "ks end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
