#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
R=${R:-/work/enc}; O=/work/build/enc/probe/cls
CP=$O:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes
javac --add-modules jdk.incubator.vector -d $O -cp $CP /work/build/enc/probe/KernelProbe.java 2>&1 | grep -v warning
echo "kp2 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP"
for args in "1 4 1 60000 128" "1 4 3 20000 512" "1 4 1 60000 96" "2 4 1 60000 128" "2 4 3 20000 512"; do
$J io.github.asr4j.kernels.cpu.KernelProbe $args 2>&1 | grep -v WARN | tail -2
done
echo "kp2 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
