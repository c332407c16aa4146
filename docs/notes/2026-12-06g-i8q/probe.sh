#!/bin/bash
# usage: probe.sh JAR threads n cold|hot [shapes] [rounds]   (ProbeI8 compiled against JAR into /work/build/i8q/probe-<jar name>)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
jar=$1; shift
pc=/work/build/i8q/probe-$(basename $jar .jar)
if [ ! -f $pc/io/github/asr4j/kernels/cpu/ProbeI8.class ]; then
  mkdir -p $pc && javac -nowarn --add-modules=jdk.incubator.vector -cp $jar -d $pc /work/i8q/docs/notes/2026-12-06g-i8q/ProbeI8.java 2>&1 | grep -v warning
fi
java $PROBE_OPTS --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx3g -cp $pc:$jar io.github.asr4j.kernels.cpu.ProbeI8 "$@" 2>&1 | grep -v WARN
