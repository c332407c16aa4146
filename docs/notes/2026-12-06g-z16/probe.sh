#!/bin/bash
# usage: probe.sh CLASSES threads n cold|hot [shapes] [extra java opts...]
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
C=$1; shift; a=$1 b=$2 c=$3 d=$4; shift 4
$J "$@" --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx3g -cp /work/build/z16/probe/out:$C:/work/z16/kernels/target/classes:/work/z16/loader/target/classes io.github.asr4j.kernels.cpu.Probe16 $a $b $c $d 2>&1 | grep -v WARN
